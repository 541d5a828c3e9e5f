//! Instances named for a member: two instances may share a name (the two
//! members of an HA pair are both "orders-db"), so wherever instances are
//! listed or chosen, those that share a name are told apart by their role.

use rds::types::DbInstance;
use rds::DbInstanceType;

/// The words labels are made of, in one language: the roles, and a pair's
/// label from its name.
pub struct Words {
    pub master: String,
    pub candidate: String,
    pub replica: String,
    pub failed_over: String,
    pub pair: Box<dyn Fn(&str) -> String + Send + Sync>,
}

impl Words {
    /// pgdeck's English: "orders-db (HA candidate)", "orders-db (HA pair)".
    pub fn english() -> Words {
        Words {
            master: "master".into(),
            candidate: "HA candidate".into(),
            replica: "read replica".into(),
            failed_over: "failed-over master".into(),
            pair: Box::new(|name| format!("{name} (HA pair)")),
        }
    }

    /// The role in words.
    pub fn role(&self, i: &DbInstance) -> &str {
        match i.db_instance_type {
            Some(DbInstanceType::CandidateMaster) => &self.candidate,
            Some(DbInstanceType::ReadOnlySlave) => &self.replica,
            Some(DbInstanceType::FailedMaster) => &self.failed_over,
            _ => &self.master,
        }
    }
}

/// Each instance's label: its name, with its role when another instance in
/// `all` has the same name.
pub fn labels(all: &[DbInstance], words: &Words) -> Vec<(String, String)> {
    all.iter()
        .map(|i| {
            let shared = all.iter().filter(|o| o.db_instance_name == i.db_instance_name).count() > 1;
            let label = if shared { format!("{} ({})", i.db_instance_name, words.role(i)) } else { i.db_instance_name.clone() };
            (i.db_instance_id.0.clone(), label)
        })
        .collect()
}

/// What the backup list can be filtered by: upstream keeps an HA pair's
/// backups under its master, so the pair is one choice (the master's id),
/// named as a pair; every other instance is its own.
pub fn backup_sources(all: &[DbInstance], words: &Words) -> Vec<(String, String)> {
    let labels = labels(all, words);
    all.iter()
        .zip(labels)
        .filter(|(i, _)| i.db_instance_type != Some(DbInstanceType::CandidateMaster))
        .map(|(i, (id, label))| {
            let paired = all
                .iter()
                .any(|o| o.db_instance_group_id == i.db_instance_group_id && o.db_instance_type == Some(DbInstanceType::CandidateMaster));
            if paired && i.db_instance_type != Some(DbInstanceType::ReadOnlySlave) {
                (id, (words.pair)(&i.db_instance_name))
            } else {
                (id, label)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inst(id: &str, name: &str, group: &str, kind: DbInstanceType) -> DbInstance {
        DbInstance {
            db_instance_id: id.into(),
            db_instance_name: name.into(),
            db_instance_group_id: group.into(),
            db_instance_type: Some(kind),
            ..Default::default()
        }
    }

    #[test]
    fn members_of_an_ha_pair_are_told_apart_and_chosen_as_one_for_backups() {
        let all = vec![
            inst("m", "orders-db", "g1", DbInstanceType::Master),
            inst("c", "orders-db", "g1", DbInstanceType::CandidateMaster),
            inst("r", "orders-db-replica", "g1", DbInstanceType::ReadOnlySlave),
            inst("a", "analytics", "g2", DbInstanceType::Master),
        ];
        let l = labels(&all, &Words::english());
        assert_eq!(l[0].1, "orders-db (master)");
        assert_eq!(l[1].1, "orders-db (HA candidate)");
        assert_eq!(l[2].1, "orders-db-replica");
        assert_eq!(l[3].1, "analytics");
        let b = backup_sources(&all, &Words::english());
        assert_eq!(
            b,
            vec![
                ("m".to_string(), "orders-db (HA pair)".to_string()),
                ("r".to_string(), "orders-db-replica".to_string()),
                ("a".to_string(), "analytics".to_string())
            ]
        );
    }
}

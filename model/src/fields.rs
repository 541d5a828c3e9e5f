//! Fields named in words. Upstream names a refused field as on the wire
//! (`backup.backupPeriod`); pgdeck's forms, error notes and server answers
//! name it the way the form labels it ("Backup retention (days)"), so a
//! member reads the same name wherever the refusal comes from.

/// The words for a wire field name. Known fields use the forms' labels;
/// any other is spelled out from its camelCase (`schemaName` → "Schema name").
pub fn label(wire: &str) -> String {
    let last = wire.rsplit('.').next().unwrap_or(wire);
    let known = match last {
        "dbPort" | "port" => "Port",
        "dbInstanceName" => "Instance name",
        "dbFlavorId" => "Specification",
        "dbVersion" => "Version",
        "databaseName" => "Database name",
        "dbUserName" => "DB user name",
        "dbPassword" => "Password",
        "parameterGroupId" => "Parameter group",
        "parameterGroupName" => "Parameter group name",
        "dbSecurityGroupIds" => "Security groups",
        "dbSecurityGroupName" => "Security group name",
        "userGroupIds" => "User groups",
        "subnetId" => "Subnet",
        "availabilityZone" => "Availability zone",
        "storageType" => "Storage type",
        "storageSize" => "Storage size (GB)",
        "backupPeriod" => "Backup retention (days)",
        "backupRetryCount" => "Backup retries",
        "backupWndBgnTime" => "Backup window start",
        "backupWndDuration" => "Backup window length",
        "pingInterval" => "Ping interval (seconds)",
        "failoverReplWaitingTime" => "Failover wait (seconds)",
        "restoreYmdt" => "Restore point",
        "cidr" => "CIDR",
        "address" => "Address",
        "databaseIds" => "Databases",
        "dbUserIds" => "DB users",
        "minPort" => "From port",
        "maxPort" => "To port",
        "metricName" => "Metric",
        "threshold" => "Threshold",
        "duration" => "Duration",
        "tenantId" => "Tenant ID",
        "username" => "Username",
        "password" => "Password",
        "url" => "URL",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    // snake_case names are PostgreSQL's own (parameters such as work_mem):
    // they are shown as PostgreSQL writes them.
    if last.contains('_') {
        return last.to_string();
    }
    spell(last)
}

/// `schemaName` → "Schema name", with the usual capitals kept (DB, ID, IP, CIDR, HA, URL).
fn spell(camel: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in camel.chars() {
        if (c.is_ascii_uppercase() || c == '_' || c == '-') && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        if c != '_' && c != '-' {
            cur.push(c.to_ascii_lowercase());
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    let words: Vec<String> = words
        .into_iter()
        .enumerate()
        .map(|(i, w)| match w.as_str() {
            "db" | "id" | "ip" | "cidr" | "ha" | "url" | "hba" => w.to_ascii_uppercase(),
            "ids" => "IDs".into(),
            _ if i == 0 => {
                let mut c = w.chars();
                c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
            }
            _ => w,
        })
        .collect();
    if words.is_empty() {
        "Value".into()
    } else {
        words.join(" ")
    }
}

/// How a refusal reads everywhere: "Port: must be between 0 and 65535, got 70000".
pub fn message(label: &str, reason: &str) -> String {
    format!("{label}: {reason}")
}

/// A whole number typed in a field. An empty field says it is empty, and
/// anything else that is not a whole number is quoted back.
pub fn whole<T: std::str::FromStr>(text: &str) -> Result<T, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("is empty".into());
    }
    t.parse().map_err(|_| format!("must be a whole number, got {t:?}"))
}

/// A whole number typed in `field`, refused with a code ("empty", or
/// "not-whole" with the text) so a page can word it in its language.
pub fn whole_in<T: std::str::FromStr>(field: &str, text: &str) -> Result<T, rds::ValidationError> {
    whole(text).map_err(|why| {
        let t = text.trim();
        if t.is_empty() {
            rds::ValidationError::coded(field, "empty", vec![], why)
        } else {
            rds::ValidationError::coded(field, "not-whole", vec![t.to_string()], why)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_fields_read_as_the_forms_label_them() {
        assert_eq!(label("dbPort"), "Port");
        assert_eq!(label("backup.backupPeriod"), "Backup retention (days)");
        assert_eq!(label("storage.storageSize"), "Storage size (GB)");
    }

    #[test]
    fn other_fields_are_spelled_out() {
        assert_eq!(label("schemaName"), "Schema name");
        assert_eq!(label("dbUserIds"), "DB users");
        assert_eq!(label("modifiedParameters.value"), "Value");
        assert_eq!(label("hbaRuleIds"), "HBA rule IDs");
        assert_eq!(label("work_mem"), "work_mem");
    }

    #[test]
    fn an_empty_number_says_it_is_empty() {
        assert_eq!(whole::<u32>(""), Err("is empty".to_string()));
        assert_eq!(whole::<u32>("  "), Err("is empty".to_string()));
        assert_eq!(whole::<u32>("5x"), Err("must be a whole number, got \"5x\"".to_string()));
        assert_eq!(whole::<u32>(" 42 "), Ok(42));
        assert_eq!(message("Port", "is empty"), "Port: is empty");
    }
}

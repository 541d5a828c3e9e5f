//! A secret the API takes (a DB user's password, an object-storage
//! password): sent and received as a plain JSON string, but never written
//! by `Debug`, so no log line, panic message or `{:?}` of a request shows
//! it. There is no `Display`: reading it takes [`Secret::expose`].

use serde::{Deserialize, Serialize};

/// A secret string; `Debug` writes `***` (or `""` when it is empty, so an
/// unset field can be told from a set one).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into())
    }

    /// The secret itself, for the request that carries it and for checks.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Self(s)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Self(s.to_string())
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_empty() { "\"\"" } else { "***" })
    }
}

#[cfg(test)]
mod tests {
    use crate::types::{CreateDbInstance, CreateDbUser, ModifyDbUser, ObjectStorageTarget};

    #[test]
    fn every_request_carrying_a_secret_hides_it_from_debug_and_sends_it_as_is() {
        let pw = "hunter2-very-secret";
        let texts = [
            format!("{:?}", CreateDbInstance { db_password: pw.into(), ..Default::default() }),
            format!("{:?}", CreateDbUser { db_password: pw.into(), ..Default::default() }),
            format!("{:?}", ModifyDbUser { db_password: Some(pw.into()), ..Default::default() }),
            format!("{:#?}", ObjectStorageTarget { password: pw.into(), ..Default::default() }),
        ];
        for t in &texts {
            assert!(!t.contains(pw), "{t}");
            assert!(t.contains("***"), "the field is shown as set: {t}");
        }
        let wire = serde_json::to_value(CreateDbUser { db_password: pw.into(), ..Default::default() }).unwrap();
        assert_eq!(wire["dbPassword"], pw, "upstream receives the password itself");
        let back: ObjectStorageTarget = serde_json::from_value(serde_json::json!({"password": pw})).unwrap();
        assert_eq!(back.password.expose(), pw);
    }
}

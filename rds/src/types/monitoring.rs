//! Metrics and their statistics.

use super::*;

/// One metric and its unit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Metric {
    /// `measureName` in later material (docs/upstream-api.md): read as either.
    #[serde(alias = "measureName")]
    pub metric_name: String,
    pub unit: String,
}

/// `GET /v1.0/metrics`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Metrics {
    pub metrics: Vec<Metric>,
}

/// Query of `GET /v1.0/metric-statistics`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MetricQuery {
    pub db_instance_id: DbInstanceId,
    pub metric_names: Vec<String>,
    pub from: String,
    pub to: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<u32>,
}

impl Validate for MetricQuery {
    fn validate(&self) -> Result<(), ValidationError> {
        required("dbInstanceId", self.db_instance_id.as_str())?;
        if self.metric_names.is_empty() {
            return Err(ValidationError::coded("metricNames", "at-least-one-metric", vec![], "needs at least one metric"));
        }
        let from = crate::datetime::parse_rfc3339_lenient(&self.from).ok_or_else(|| crate::validate::not_date_time("from", &self.from))?;
        let to = crate::datetime::parse_rfc3339_lenient(&self.to).ok_or_else(|| crate::validate::not_date_time("to", &self.to))?;
        if to < from {
            return Err(ValidationError::coded("to", "to-before-from", vec![], "must not be before from"));
        }
        if let Some(i) = self.interval {
            range("interval", i, 1, 1440)?;
        }
        Ok(())
    }
}

/// One point: `[unix seconds, "value"]` (docs/upstream-api.md #8).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricPoint(pub i64, pub serde_json::Value);

impl MetricPoint {
    /// The value as a number, whether sent as a string or a number.
    pub fn value(&self) -> Option<f64> {
        match &self.1 {
            serde_json::Value::String(s) => s.trim().parse().ok(),
            serde_json::Value::Number(n) => n.as_f64(),
            _ => None,
        }
    }
}

/// The series of one metric.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MetricSeries {
    /// `measureName` in later material (docs/upstream-api.md): read as either.
    #[serde(alias = "measureName")]
    pub metric_name: String,
    pub unit: String,
    pub values: Vec<MetricPoint>,
}

/// `GET /v1.0/metric-statistics`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MetricStatistics {
    pub metric_statistics: Vec<MetricSeries>,
}

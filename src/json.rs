//! Small pieces of how annals writes JSON.

/// Milliseconds with three decimals, as people read them (`2.957`, not
/// `2.9568250000000003`).
pub(crate) fn three_decimals<S: serde::Serializer>(ms: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((ms * 1000.0).round() / 1000.0)
}

#[cfg(test)]
mod tests {
    #[derive(serde::Serialize)]
    struct T {
        #[serde(serialize_with = "super::three_decimals")]
        ms: f64,
    }

    #[test]
    fn milliseconds_keep_three_decimals() {
        let json = serde_json::to_string(&T {
            ms: 2.9568250000000003,
        })
        .unwrap();
        assert_eq!(json, r#"{"ms":2.957}"#);
    }
}

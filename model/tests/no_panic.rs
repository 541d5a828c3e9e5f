//! A `pg_hba.conf` pasted by a member is read line by line into rules or
//! refusals, whatever it holds: it never panics.

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn pg_hba_conf_imports_never_panic(s in any::<String>(), pick in 0usize..4, junk in any::<String>()) {
        let _ = model::hba::parse(&s);
        let shapes = [
            "host all all 10.0.0.0/8 scram-sha-256\n",
            "hostssl orders,billing app 192.168.0.1 255.255.255.0 md5\n",
            "host all all fd00::/8 trust # comment\n",
            "local all postgres peer\n",
        ];
        let mut text = shapes[pick].to_string();
        let at = junk.len() % text.len();
        let at = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        text.insert_str(at, &junk);
        let _ = model::hba::parse(&text);
    }
}

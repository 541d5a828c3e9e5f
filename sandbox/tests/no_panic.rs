//! Query strings and paths sent to the sandbox are read whatever they hold:
//! any text, multibyte characters and broken percent escapes included.

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn query_strings_never_panic(s in any::<String>(), bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = sandbox::parse_query(Some(&s));
        let lossy = String::from_utf8_lossy(&bytes).into_owned();
        let _ = sandbox::parse_query(Some(&lossy));
        let odd = sandbox::parse_query(Some("a=%E1%&b=%ZZ&c=é%2&d=+x+&%"));
        prop_assert_eq!(odd.len(), 5);
        prop_assert_eq!(&odd[3], &("d".to_string(), " x ".to_string()));
    }

    #[test]
    fn pairs_come_back_as_sent(k in "[a-zA-Z]{1,8}", v in any::<String>()) {
        let q = form_urlencoded::Serializer::new(String::new()).append_pair(&k, &v).finish();
        prop_assert_eq!(sandbox::parse_query(Some(&q)), vec![(k, v)]);
    }
}

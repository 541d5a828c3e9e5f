//! How the browser decodes what the server sends: server-function answers
//! and the page data carried in the server-rendered HTML.
//!
//! The bytes are parsed once into a `serde_json::Value`, and each type is
//! then built from that tree by [`Tree`], a deserializer that only hands
//! values over. Decoding straight from the bytes would compile a JSON parser
//! into the decoder of every type the pages receive (and, for every struct,
//! a second decoder for structs written as arrays, which pgdeck never
//! sends); built from the tree, each type's decoder is a short walk over
//! values already parsed. BENCHMARKS.md, "Browser bundle", has the figures.

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde::{forward_to_deserialize_any, Serialize};
use serde_json::{Map, Value};
use server_fn::codec::Post;
use server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};

type Error = serde_json::Error;

/// The answer encoding of every server function: JSON, decoded by [`decode`].
pub type Answer = Post<JsonTree>;

/// JSON, written by `serde_json`, read through a [`Tree`].
pub struct JsonTree;

impl ContentType for JsonTree {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonTree {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonTree {
    type Error = Error;

    fn encode(output: &T) -> Result<Bytes, Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonTree {
    type Error = Error;

    fn decode(bytes: Bytes) -> Result<T, Error> {
        decode(&bytes)
    }
}

/// Decodes JSON bytes into `T`.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    let value: Value = serde_json::from_slice(bytes)?;
    T::deserialize(Tree(value))
}

fn unexpected(what: &Value) -> &'static str {
    match what {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn wrong(found: &Value, wanted: &str) -> Error {
    de::Error::custom(format_args!("found {} where {wanted} was expected", unexpected(found)))
}

/// A parsed JSON value, read as a `serde` deserializer.
pub struct Tree(pub Value);

impl<'de> de::Deserializer<'de> for Tree {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => visitor.visit_seq(Items(items.into_iter())),
            Value::Object(map) => visitor.visit_map(Fields::new(map)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            other => visitor.visit_some(Tree(other)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// Structs arrive as objects only.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(map) => visitor.visit_map(Fields::new(map)),
            other => Err(wrong(&other, "an object")),
        }
    }

    /// A unit variant is a string; any other variant an object of one key.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => visitor.visit_enum(s.into_deserializer()),
            Value::Object(map) => {
                let mut entries = map.into_iter();
                match (entries.next(), entries.next()) {
                    (Some((variant, value)), None) => visitor.visit_enum(Variant { variant, value }),
                    _ => Err(de::Error::custom("found an object without exactly one key where a variant was expected")),
                }
            }
            other => Err(wrong(&other, "a variant")),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

struct Items(std::vec::IntoIter<Value>);

impl<'de> de::SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        self.0.next().map(|v| seed.deserialize(Tree(v))).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Fields {
    entries: serde_json::map::IntoIter,
    value: Option<Value>,
}

impl Fields {
    fn new(map: Map<String, Value>) -> Self {
        Fields { entries: map.into_iter(), value: None }
    }
}

impl<'de> de::MapAccess<'de> for Fields {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(key.into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(Tree(self.value.take().unwrap_or(Value::Null)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct Variant {
    variant: String,
    value: Value,
}

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = Error;
    type Variant = Tree;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Tree), Error> {
        let variant = seed.deserialize(self.variant.into_deserializer())?;
        Ok((variant, Tree(self.value)))
    }
}

impl<'de> de::VariantAccess<'de> for Tree {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.0 {
            Value::Null => Ok(()),
            other => Err(wrong(&other, "nothing")),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(self, fields: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_struct(self, "", fields, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::decode;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    enum Shape {
        Dot,
        Circle(f64),
        Pair(u8, u8),
        Box { w: u32, h: u32 },
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Page {
        name: String,
        count: u64,
        delta: i32,
        ratio: f32,
        on: bool,
        note: Option<String>,
        #[serde(default)]
        missing: Vec<u8>,
        shapes: Vec<Shape>,
        pair: (String, i64),
        map: std::collections::BTreeMap<String, Option<u16>>,
    }

    /// Whatever serde_json writes, the tree reads back the same.
    #[test]
    fn reads_back_what_serde_json_writes() {
        let page = Page {
            name: "db-1 \"prod\" ✓".into(),
            count: u64::MAX,
            delta: -7,
            ratio: 0.25,
            on: true,
            note: None,
            missing: vec![],
            shapes: vec![Shape::Dot, Shape::Circle(1.5), Shape::Pair(1, 2), Shape::Box { w: 3, h: 4 }],
            pair: ("a".into(), i64::MIN),
            map: [("x".to_string(), Some(1)), ("y".to_string(), None)].into(),
        };
        let bytes = serde_json::to_vec(&page).unwrap();
        assert_eq!(decode::<Page>(&bytes).unwrap(), page);
    }

    #[test]
    fn says_what_it_found_where_it_wanted_something_else() {
        let err = decode::<Page>(b"[1, 2]").unwrap_err().to_string();
        assert!(err.contains("found an array where an object was expected"), "{err}");
        let err = decode::<Page>(br#"{"name": 5}"#).unwrap_err().to_string();
        assert!(err.contains("invalid type: integer `5`, expected a string"), "{err}");
        let err = decode::<Page>(br#"{"name": "x"}"#).unwrap_err().to_string();
        assert!(err.contains("missing field `count`"), "{err}");
        assert!(decode::<Page>(b"{").is_err());
    }
}

//! One Parquet file written row by row: typed columns buffered for a row group, then handed
//! to the `parquet` crate's column writers, and the finished bytes passed on to the output.

use std::io::{self, Write};
use std::sync::Arc;

use ::parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
use ::parquet::data_type::{ByteArray, ByteArrayType, Int32Type};
use ::parquet::errors::ParquetError;
use ::parquet::file::properties::WriterProperties;
use ::parquet::file::writer::SerializedFileWriter;
use ::parquet::schema::types::Type;
use bytes::Bytes;
use jiff::civil::Date;

/// Rows per row group: small enough to bound the buffers and let readers split the work,
/// large enough that the per-group footer entries stay negligible.
const ROW_GROUP_ROWS: usize = 128 * 1024;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A UTF-8 string (`BYTE_ARRAY` annotated `STRING`).
    Text,
    /// A calendar day (`INT32` annotated `DATE`: days since 1970-01-01).
    Day,
    /// A count or number (`INT32`).
    Int,
    /// A list of strings (the three-level `LIST` of the Parquet format).
    TextList,
}

/// A column's name, type and whether it may be null.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The column name.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// True when a row may leave it null.
    pub optional: bool,
}

/// A column that is never null.
pub const fn required(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        optional: false,
    }
}

/// A column that may be null.
pub const fn optional(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        optional: true,
    }
}

/// One value of a row, in the order of the table's fields.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    /// For a [`Kind::Text`] field.
    Text(Option<&'a str>),
    /// For a [`Kind::Day`] field; `None` for an open bound.
    Day(Option<Date>),
    /// For a [`Kind::Int`] field.
    Int(Option<i32>),
    /// For a [`Kind::TextList`] field (never null, possibly empty).
    List(&'a [String]),
}

/// The buffered values of one column in the current row group. Strings share one byte
/// arena per column, so a row group costs two allocations per column, not one per value.
#[derive(Debug, Default)]
struct Buffer {
    bytes: Vec<u8>,
    spans: Vec<(usize, usize)>,
    numbers: Vec<i32>,
    definitions: Vec<i16>,
    repetitions: Vec<i16>,
}

impl Buffer {
    fn text(&mut self, text: &str) {
        let start = self.bytes.len();
        self.bytes.extend_from_slice(text.as_bytes());
        self.spans.push((start, self.bytes.len()));
    }

    fn byte_arrays(&mut self) -> Vec<ByteArray> {
        let arena = Bytes::from(std::mem::take(&mut self.bytes));
        self.spans
            .drain(..)
            .map(|(start, end)| ByteArray::from(arena.slice(start..end)))
            .collect()
    }

    fn clear(&mut self) {
        self.numbers.clear();
        self.definitions.clear();
        self.repetitions.clear();
    }
}

/// A Parquet file being written: rows in, row groups out to `out` as they fill.
pub struct Table<'o> {
    fields: &'static [Field],
    buffers: Vec<Buffer>,
    rows: usize,
    // The crate's writer needs a `Send` sink, which `&mut dyn Write` is not; it writes into
    // this vector, and each finished row group is moved on to `out`.
    writer: SerializedFileWriter<Vec<u8>>,
    out: &'o mut dyn Write,
}

/// The days from 1970-01-01 to `day`, Parquet's `DATE`.
pub fn epoch_days(day: Date) -> i32 {
    const EPOCH: Date = Date::constant(1970, 1, 1);
    (day - EPOCH).get_days()
}

fn schema(table: &str, fields: &[Field]) -> Result<Type, ParquetError> {
    let columns = fields
        .iter()
        .map(|field| {
            let repetition = if field.optional {
                Repetition::OPTIONAL
            } else {
                Repetition::REQUIRED
            };
            let (physical, logical) = match field.kind {
                Kind::Text | Kind::TextList => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
                Kind::Day => (Physical::INT32, Some(LogicalType::Date)),
                Kind::Int => (Physical::INT32, None),
            };
            let leaf = |name: &str, repetition| {
                Type::primitive_type_builder(name, physical)
                    .with_repetition(repetition)
                    .with_logical_type(logical.clone())
                    .build()
            };
            let column = if field.kind == Kind::TextList {
                let list = Type::group_type_builder("list")
                    .with_repetition(Repetition::REPEATED)
                    .with_fields(vec![Arc::new(leaf("element", Repetition::REQUIRED)?)])
                    .build()?;
                Type::group_type_builder(field.name)
                    .with_repetition(repetition)
                    .with_logical_type(Some(LogicalType::List))
                    .with_fields(vec![Arc::new(list)])
                    .build()?
            } else {
                leaf(field.name, repetition)?
            };
            Ok(Arc::new(column))
        })
        .collect::<Result<_, ParquetError>>()?;
    Type::group_type_builder(table).with_fields(columns).build()
}

fn properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_created_by(format!("whomet {}", env!("CARGO_PKG_VERSION")))
        .build()
}

fn parquet_error(error: ParquetError) -> io::Error {
    match error {
        ParquetError::External(inner) => match inner.downcast::<io::Error>() {
            Ok(io) => *io,
            Err(other) => io::Error::other(other),
        },
        other => io::Error::other(other),
    }
}

impl<'o> Table<'o> {
    /// Starts the file named `table` (the schema's name) with `fields`, writing to `out`.
    pub fn new(table: &str, fields: &'static [Field], out: &'o mut dyn Write) -> io::Result<Self> {
        let schema = schema(table, fields).map_err(parquet_error)?;
        let writer = SerializedFileWriter::new(Vec::new(), Arc::new(schema), properties().into())
            .map_err(parquet_error)?;
        Ok(Table {
            fields,
            buffers: fields.iter().map(|_| Buffer::default()).collect(),
            rows: 0,
            writer,
            out,
        })
    }

    /// Adds one row, one cell per field in order.
    pub fn push(&mut self, row: &[Cell<'_>]) -> io::Result<()> {
        if row.len() != self.fields.len() {
            return Err(mismatch(format!(
                "a row of {} cells for {} columns",
                row.len(),
                self.fields.len()
            )));
        }
        for ((field, buffer), cell) in self.fields.iter().zip(&mut self.buffers).zip(row) {
            let present = match (field.kind, *cell) {
                (Kind::Text, Cell::Text(text)) => {
                    text.inspect(|t| buffer.text(t));
                    text.is_some()
                }
                (Kind::Day, Cell::Day(day)) => {
                    day.inspect(|&d| buffer.numbers.push(epoch_days(d)));
                    day.is_some()
                }
                (Kind::Int, Cell::Int(number)) => {
                    number.inspect(|&n| buffer.numbers.push(n));
                    number.is_some()
                }
                (Kind::TextList, Cell::List(items)) => {
                    // Definition 0 is an empty list; 1 an item. Repetition 0 starts a row.
                    if items.is_empty() {
                        buffer.definitions.push(0);
                        buffer.repetitions.push(0);
                    }
                    for (i, item) in items.iter().enumerate() {
                        buffer.text(item);
                        buffer.definitions.push(1);
                        buffer.repetitions.push(i16::from(i > 0));
                    }
                    continue;
                }
                (kind, cell) => {
                    return Err(mismatch(format!(
                        "column {} is {kind:?}, given {cell:?}",
                        field.name
                    )))
                }
            };
            if field.optional {
                buffer.definitions.push(i16::from(present));
            } else if !present {
                return Err(mismatch(format!("column {} is required", field.name)));
            }
        }
        self.rows += 1;
        if self.rows == ROW_GROUP_ROWS {
            self.flush_group()?;
        }
        Ok(())
    }

    fn flush_group(&mut self) -> io::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let mut group = self.writer.next_row_group().map_err(parquet_error)?;
        for (field, buffer) in self.fields.iter().zip(&mut self.buffers) {
            let mut column = group
                .next_column()
                .map_err(parquet_error)?
                .ok_or_else(|| mismatch(format!("no column for {}", field.name)))?;
            let strings =
                matches!(field.kind, Kind::Text | Kind::TextList).then(|| buffer.byte_arrays());
            let definitions =
                (field.optional || field.kind == Kind::TextList).then_some(&buffer.definitions[..]);
            let repetitions = (field.kind == Kind::TextList).then_some(&buffer.repetitions[..]);
            match strings {
                Some(values) => {
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(&values, definitions, repetitions)
                }
                None => column
                    .typed::<Int32Type>()
                    .write_batch(&buffer.numbers, definitions, None),
            }
            .map_err(parquet_error)?;
            column.close().map_err(parquet_error)?;
            buffer.clear();
        }
        group.close().map_err(parquet_error)?;
        self.rows = 0;
        self.writer.flush()?;
        self.out.write_all(&std::mem::take(self.writer.inner_mut()))
    }

    /// Writes the last row group and the footer.
    pub fn finish(mut self) -> io::Result<()> {
        self.flush_group()?;
        let rest = self.writer.into_inner().map_err(parquet_error)?;
        self.out.write_all(&rest)?;
        self.out.flush()
    }
}

fn mismatch(what: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_days_count_from_1970() {
        assert_eq!(epoch_days(Date::constant(1970, 1, 1)), 0);
        assert_eq!(epoch_days(Date::constant(1969, 12, 31)), -1);
        assert_eq!(epoch_days(Date::constant(2016, 6, 28)), 16_980);
    }

    #[test]
    fn a_row_of_the_wrong_shape_is_refused() {
        const FIELDS: [Field; 2] = [required("id", Kind::Text), optional("n", Kind::Int)];
        let mut out = Vec::new();
        let mut table = Table::new("t", &FIELDS, &mut out).unwrap();
        assert!(table.push(&[Cell::Text(Some("a"))]).is_err());
        assert!(table.push(&[Cell::Text(None), Cell::Int(None)]).is_err());
        assert!(table.push(&[Cell::Int(None), Cell::Int(None)]).is_err());
        table
            .push(&[Cell::Text(Some("a")), Cell::Int(None)])
            .unwrap();
        table.finish().unwrap();
        assert!(out.starts_with(b"PAR1") && out.ends_with(b"PAR1"));
    }
}

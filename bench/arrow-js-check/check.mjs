// Reads an Arrow IPC file written by `rrdvideo inspect --format arrow` with Apache Arrow JS
// (an implementation independent of the Java one that wrote it) and checks that every
// documented column is there with its documented type. Prints a JSON report; exit 0 when ok.
//
//   cd bench/arrow-js-check && npm install && node check.mjs samples.arrow
import { readFileSync } from "node:fs";
import { tableFromIPC } from "apache-arrow";

const expected = {
  entity: "Utf8", timeline: "Utf8", sample_index: "Int64", pts: "Int64", pts_ns: "Int64",
  dts_ns: "Int64", duration_ns: "Int64", size_bytes: "Int64", keyframe_declared: "Bool",
  keyframe_bitstream: "Bool", frame_type: "Utf8", nal_types: "Utf8", codec: "Utf8",
  width: "Int32", height: "Int32", gop_index: "Int64", chunk_id: "Utf8", byte_offset: "Int64",
};
const table = tableFromIPC(readFileSync(process.argv[2]));
const problems = [];
for (const [name, type] of Object.entries(expected)) {
  const field = table.schema.fields.find((f) => f.name === name);
  if (!field) problems.push(`missing column ${name}`);
  else if (String(field.type) !== type) problems.push(`${name}: ${field.type}, expected ${type}`);
}
const first = table.numRows > 0 ? table.get(0).toJSON() : null;
for (const k of Object.keys(first ?? {})) {
  if (typeof first[k] === "bigint") first[k] = first[k].toString();
}
console.log(JSON.stringify({
  rows: table.numRows,
  schema: table.schema.metadata.get("rrdvideo:schema"),
  columns: table.schema.fields.map((f) => `${f.name}: ${f.type}`),
  first_row: first,
  problems,
}, null, 1));
process.exit(problems.length === 0 && table.numRows > 0 ? 0 : 1);

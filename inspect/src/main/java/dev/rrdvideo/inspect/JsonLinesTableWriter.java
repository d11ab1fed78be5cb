package dev.rrdvideo.inspect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** JSON Lines: one object per row with every column (absent values are {@code null}). */
final class JsonLinesTableWriter implements TableWriter, SampleColumns.CellSink {
  private final JsonGenerator g;
  private final List<ColumnSpec> specs;

  JsonLinesTableWriter(List<ColumnSpec> specs, OutputStream out) throws IOException {
    this.specs = specs;
    this.g = new JsonFactory().createGenerator(out);
    g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    g.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
  }

  @Override
  public void write(RowSource row) throws IOException {
    g.writeStartObject();
    try {
      for (int c = 0; c < specs.size(); c++) {
        g.writeFieldName(specs.get(c).name());
        row.emit(c, this);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    g.writeEndObject();
  }

  @Override
  public void string(String v) {
    try {
      g.writeString(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void int64(long v) {
    try {
      g.writeNumber(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void bool(boolean v) {
    try {
      g.writeBoolean(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void absent() {
    try {
      g.writeNull();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    g.writeRaw('\n');
    g.flush();
  }
}

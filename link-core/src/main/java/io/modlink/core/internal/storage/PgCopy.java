package io.modlink.core.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * {@code COPY ... from stdin} in PostgreSQL's text format, through the driver's COPY API. The driver is
 * an optional dependency: only {@link LinkWrites} calls this class, and only after it found the driver
 * on the class path ({@link LinkWrites#PG_COPY}), so that nothing here is loaded without it.
 */
final class PgCopy {
  private static final int BUFFER = 1 << 16;

  private PgCopy() {}

  /** Whether {@code c} is (or wraps) a connection of the PostgreSQL driver. */
  static boolean supports(Connection c) throws SQLException {
    return c.isWrapperFor(PGConnection.class);
  }

  /** Writes the rows of one COPY, one {@link Text} per call. */
  interface Rows {
    void write(Text out) throws SQLException;
  }

  /**
   * Runs {@code copy} (a {@code copy ... from stdin} statement in text format) with the rows that
   * {@code rows} writes; returns the rows copied.
   */
  static long copyIn(Connection c, String copy, Rows rows) throws SQLException {
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
    try {
      Text out = new Text(in);
      rows.write(out);
      out.flush();
      return in.endCopy();
    } catch (SQLException | RuntimeException e) {
      if (in.isActive()) {
        try {
          in.cancelCopy();
        } catch (SQLException cancel) {
          e.addSuppressed(cancel);
        }
      }
      throw e;
    }
  }

  /**
   * COPY's text format, encoded as UTF-8 (the driver's client encoding) into a buffer that is sent in
   * blocks of 64 KB: columns separated by tabs, rows ended by newlines, {@code \N} for null, and
   * backslash, tab, newline and carriage return escaped with a backslash.
   */
  static final class Text {
    private final CopyIn in;
    private byte[] buffer = new byte[BUFFER];
    private int length;
    private boolean first = true;

    private Text(CopyIn in) {
      this.in = in;
    }

    /** A null value. */
    void nul() throws SQLException {
      separator(2);
      buffer[length++] = '\\';
      buffer[length++] = 'N';
    }

    /** A value as PostgreSQL reads it from text (escaped here). */
    void value(String value) throws SQLException {
      separator(value.length() * 3 + 1);
      for (int i = 0; i < value.length(); i++) {
        char ch = value.charAt(i);
        if (ch < 0x80) {
          switch (ch) {
            case '\\' -> escape('\\');
            case '\t' -> escape('t');
            case '\n' -> escape('n');
            case '\r' -> escape('r');
            default -> buffer[length++] = (byte) ch;
          }
        } else if (ch < 0x800) {
          buffer[length++] = (byte) (0xc0 | ch >> 6);
          buffer[length++] = (byte) (0x80 | ch & 0x3f);
        } else if (Character.isHighSurrogate(ch) && i + 1 < value.length()
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          int cp = Character.toCodePoint(ch, value.charAt(++i));
          buffer[length++] = (byte) (0xf0 | cp >> 18);
          buffer[length++] = (byte) (0x80 | cp >> 12 & 0x3f);
          buffer[length++] = (byte) (0x80 | cp >> 6 & 0x3f);
          buffer[length++] = (byte) (0x80 | cp & 0x3f);
        } else if (Character.isSurrogate(ch)) {
          buffer[length++] = '?';   // an unpaired surrogate, as String.getBytes(UTF_8) writes it
        } else {
          buffer[length++] = (byte) (0xe0 | ch >> 12);
          buffer[length++] = (byte) (0x80 | ch >> 6 & 0x3f);
          buffer[length++] = (byte) (0x80 | ch & 0x3f);
        }
      }
    }

    /** A value already in COPY's text form (nothing to escape), as bytes. */
    void raw(byte[] value) throws SQLException {
      separator(value.length);
      System.arraycopy(value, 0, buffer, length, value.length);
      length += value.length;
    }

    /** A number. */
    void value(long value) throws SQLException {
      separator(20);
      if (value == Long.MIN_VALUE) {
        raw0(Long.toString(value));
        return;
      }
      if (value < 0) {
        buffer[length++] = '-';
        value = -value;
      }
      int start = length;
      do {
        buffer[length++] = (byte) ('0' + value % 10);
        value /= 10;
      } while (value != 0);
      for (int i = start, j = length - 1; i < j; i++, j--) {
        byte b = buffer[i];
        buffer[i] = buffer[j];
        buffer[j] = b;
      }
    }

    /** Ends a row. */
    void endRow() throws SQLException {
      ensure(1);
      buffer[length++] = '\n';
      first = true;
    }

    private void raw0(String ascii) {
      for (int i = 0; i < ascii.length(); i++) {
        buffer[length++] = (byte) ascii.charAt(i);
      }
    }

    private void escape(char ch) {
      buffer[length++] = '\\';
      buffer[length++] = (byte) ch;
    }

    /** Room for a tab and {@code bytes} more (the worst case of the value that follows). */
    private void separator(int bytes) throws SQLException {
      ensure(bytes + 1);
      if (!first) {
        buffer[length++] = '\t';
      }
      first = false;
    }

    private void ensure(int bytes) throws SQLException {
      if (length + bytes <= buffer.length) {
        return;
      }
      flush();
      if (bytes > buffer.length) {
        buffer = new byte[bytes];
      }
    }

    private void flush() throws SQLException {
      if (length > 0) {
        in.writeToCopy(buffer, 0, length);
        length = 0;
      }
    }
  }
}

package dev.rrdvideo.media.mp4.internal;

/**
 * Four-character codes of the boxes and sample entries this package reads or writes, as big-endian
 * 32-bit integers, and their rendering for messages.
 */
public final class Fourcc {
  private Fourcc() {}

  /** Returns the 32-bit value of a four-character ASCII string. */
  public static int of(String s) {
    if (s.length() != 4) {
      throw new IllegalArgumentException("a FourCC has 4 characters, found '" + s + "'");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      char c = s.charAt(i);
      if (c > 0xFF) {
        throw new IllegalArgumentException("a FourCC is 4 bytes, found '" + s + "'");
      }
      v = (v << 8) | c;
    }
    return v;
  }

  /**
   * Returns the FourCC as text: four characters when all are printable ASCII, otherwise {@code 0x}
   * followed by eight hex digits.
   */
  public static String toString(int fourcc) {
    char[] c = new char[4];
    for (int i = 0; i < 4; i++) {
      int b = (fourcc >>> (24 - 8 * i)) & 0xFF;
      if (b < 0x20 || b > 0x7E) {
        return String.format("0x%08x", fourcc);
      }
      c[i] = (char) b;
    }
    return new String(c);
  }

  public static final int FTYP = of("ftyp");
  public static final int MOOV = of("moov");
  public static final int MOOF = of("moof");
  public static final int MDAT = of("mdat");
  public static final int FREE = of("free");
  public static final int UUID = of("uuid");
  public static final int MVHD = of("mvhd");
  public static final int MVEX = of("mvex");
  public static final int TREX = of("trex");
  public static final int MEHD = of("mehd");
  public static final int TRAK = of("trak");
  public static final int TKHD = of("tkhd");
  public static final int EDTS = of("edts");
  public static final int ELST = of("elst");
  public static final int MDIA = of("mdia");
  public static final int MDHD = of("mdhd");
  public static final int HDLR = of("hdlr");
  public static final int MINF = of("minf");
  public static final int VMHD = of("vmhd");
  public static final int DINF = of("dinf");
  public static final int DREF = of("dref");
  public static final int URL = of("url ");
  public static final int STBL = of("stbl");
  public static final int STSD = of("stsd");
  public static final int STTS = of("stts");
  public static final int CTTS = of("ctts");
  public static final int STSS = of("stss");
  public static final int STSZ = of("stsz");
  public static final int STZ2 = of("stz2");
  public static final int STSC = of("stsc");
  public static final int STCO = of("stco");
  public static final int CO64 = of("co64");
  public static final int MFHD = of("mfhd");
  public static final int TRAF = of("traf");
  public static final int TFHD = of("tfhd");
  public static final int TFDT = of("tfdt");
  public static final int TRUN = of("trun");

  public static final int VIDE = of("vide");

  public static final int AVC1 = of("avc1");
  public static final int AVC3 = of("avc3");
  public static final int HVC1 = of("hvc1");
  public static final int HEV1 = of("hev1");
  public static final int AV01 = of("av01");
  public static final int VP08 = of("vp08");
  public static final int VP09 = of("vp09");

  public static final int AVCC = of("avcC");
  public static final int HVCC = of("hvcC");
  public static final int AV1C = of("av1C");
  public static final int VPCC = of("vpcC");
}

// Windows PowerShell 5.1 reads a BOM-less script in the ANSI code page, so any non-ASCII byte
// can change meaning (a typographic dash or quote becomes two or three other characters). The
// raw bytes are scanned, not the parser's decoded text, because the decoding is what differs.
using System.Text;
using System.Text.Json;

namespace PsAst;

internal static class NonAscii
{
    public static string? Bom(byte[] b)
    {
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) return "utf-8";
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) return "utf-32le";
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE) return "utf-16le";
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF) return "utf-16be";
        return null;
    }

    // Each non-ASCII character once, with its 1-based line and column (columns count characters,
    // a UTF-8 sequence being one). A BOM is reported as `bom`, not here. A UTF-16/32 file is
    // decoded first; otherwise bytes are read as UTF-8, and a byte that is not part of a valid
    // sequence is reported alone with codePoint null.
    public static void Write(Utf8JsonWriter w, byte[] bytes, int limit)
    {
        var found = new List<(int Line, int Column, int? CodePoint, string Bytes)>();
        var bom = Bom(bytes);
        if (bom is "utf-16le" or "utf-16be" or "utf-32le") ScanDecoded(bytes, bom, found);
        else ScanUtf8(bytes, bom == "utf-8" ? 3 : 0, found);

        w.WriteStartArray("nonAscii");
        foreach (var (line, column, codePoint, hex) in found.Take(limit))
        {
            w.WriteStartObject();
            w.WriteNumber("line", line);
            w.WriteNumber("column", column);
            if (codePoint is int cp) w.WriteNumber("codePoint", cp); else w.WriteNull("codePoint");
            w.WriteString("bytes", hex);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("nonAsciiCount", found.Count);
    }

    private static void ScanUtf8(byte[] bytes, int start, List<(int, int, int?, string)> found)
    {
        int line = 1, column = 1;
        for (int i = start; i < bytes.Length;)
        {
            var b = bytes[i];
            if (b < 0x80)
            {
                if (b == (byte)'\n') { line++; column = 1; } else column++;
                i++;
                continue;
            }
            int length = SequenceLength(bytes, i, out var codePoint);
            found.Add((line, column, length > 0 ? codePoint : null, Hex(bytes, i, Math.Max(length, 1))));
            column++;
            i += Math.Max(length, 1);
        }
    }

    // Length of the valid UTF-8 sequence at i (0 when invalid), rejecting overlong forms,
    // surrogates and values above U+10FFFF.
    private static int SequenceLength(byte[] bytes, int i, out int codePoint)
    {
        codePoint = 0;
        var b = bytes[i];
        int length, min;
        if (b >= 0xC2 && b <= 0xDF) { length = 2; codePoint = b & 0x1F; min = 0x80; }
        else if (b >= 0xE0 && b <= 0xEF) { length = 3; codePoint = b & 0x0F; min = 0x800; }
        else if (b >= 0xF0 && b <= 0xF4) { length = 4; codePoint = b & 0x07; min = 0x10000; }
        else return 0;
        if (i + length > bytes.Length) return 0;
        for (int k = 1; k < length; k++)
        {
            var c = bytes[i + k];
            if ((c & 0xC0) != 0x80) return 0;
            codePoint = (codePoint << 6) | (c & 0x3F);
        }
        if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) return 0;
        return length;
    }

    private static void ScanDecoded(byte[] bytes, string bom, List<(int, int, int?, string)> found)
    {
        Encoding encoding = bom switch
        {
            // Not throwing: a malformed unit decodes to U+FFFD, itself reported as non-ASCII.
            "utf-16le" => new UnicodeEncoding(false, true, false),
            "utf-16be" => new UnicodeEncoding(true, true, false),
            _ => new UTF32Encoding(false, true, false),
        };
        var text = encoding.GetString(bytes, encoding.Preamble.Length, bytes.Length - encoding.Preamble.Length);
        int line = 1, column = 1;
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value == '\n') { line++; column = 1; continue; }
            if (rune.Value >= 0x80)
            {
                var encoded = encoding.GetBytes(rune.ToString());
                found.Add((line, column, rune.Value, Hex(encoded, 0, encoded.Length)));
            }
            column++;
        }
    }

    private static string Hex(byte[] bytes, int start, int count)
        => string.Join(' ', Enumerable.Range(start, Math.Min(count, bytes.Length - start)).Select(k => bytes[k].ToString("x2")));
}

using System.Globalization;

namespace Dashboard.Web.Exports;

/// <summary>RFC 4180 fields: quoted only when they hold a comma, a quote or a line break; CRLF rows.</summary>
internal static class CsvText
{
    public const string NewLine = "\r\n";

    public static void Field(TextWriter writer, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    /// <summary>Shortest round-trip text in the invariant culture; empty for null.</summary>
    public static void Number(TextWriter writer, double? value)
    {
        if (value is { } v)
        {
            // Shortest round-trip text, formatted without allocating a string per number.
            Span<char> buffer = stackalloc char[32];
            if (v.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture))
            {
                writer.Write(buffer[..written]);
            }
            else
            {
                writer.Write(v.ToString("R", CultureInfo.InvariantCulture));
            }
        }
    }

    public static void Number(TextWriter writer, long value)
    {
        Span<char> buffer = stackalloc char[24];
        value.TryFormat(buffer, out var written, provider: CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }

    public static void Row(TextWriter writer, params string[] headers)
    {
        for (var i = 0; i < headers.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            Field(writer, headers[i]);
        }

        writer.Write(NewLine);
    }
}

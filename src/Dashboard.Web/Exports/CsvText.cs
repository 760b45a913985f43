using System.Globalization;

namespace Dashboard.Web.Exports;

/// <summary>
/// RFC 4180 fields: quoted only when they hold a comma, a quote or a line break; CRLF rows. Text
/// fields that a spreadsheet would take for a formula are neutralised (<see cref="Neutralise"/>).
/// </summary>
internal static class CsvText
{
    public const string NewLine = "\r\n";

    /// <summary>
    /// A text field, neutralised and quoted as needed. Numbers written by <see cref="Number(TextWriter, long)"/>
    /// are never touched: a negative repetition number stays a number.
    /// </summary>
    public static void Field(TextWriter writer, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        value = Neutralise(value);

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    /// <summary>
    /// OWASP's advice against CSV injection: a cell starting with = + - @, a tab or a carriage
    /// return gets a leading single quote, so Excel, LibreOffice and Sheets show it as text instead
    /// of running it as a formula (=HYPERLINK(...), @SUM(...), -2+3+cmd|' /C calc'!A0). A text cell
    /// that is entirely a plain number ("-3", "+1.5e3") is left alone: it cannot be a formula, and
    /// quoting it would turn a number into text.
    /// </summary>
    public static string Neutralise(string value)
    {
        if (value.Length == 0 || value[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r'))
        {
            return value;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? value
            : "'" + value;
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

using System.Text;

namespace Dashboard.Web.Simulation;

/// <summary>
/// Makes up encyclopedia article titles ("Battle of Vexmoor", "O'Darrow &amp; Pell", "Tallinburg
/// (1987 film)") from word lists and invented place names, so titles are unique-ish per request.
/// Some contain characters that must be HTML- and URL-encoded. Thread-safe.
/// </summary>
public static class ArticleTitleGenerator
{
    private static readonly string[] Onsets =
    [
        "Vex", "Tal", "Mor", "Brae", "Quin", "Ash", "Dun", "Kel", "Rav", "Sol", "Thorn", "Wyn", "Ebb",
        "Gar", "Hol", "Lin", "Nor", "Pell", "Ros", "Strath", "Ulm", "Zar", "Cor", "Fen", "Isl",
    ];

    private static readonly string[] Codas =
    [
        "moor", "burg", "ford", "wick", "ton", "holm", "dale", "mouth", "stead", "by", "field", "haven",
        "ness", "gate", "mere", "shaw", "ridge", "brook", "worth", "ley",
    ];

    private static readonly string[] Surnames =
    [
        "Darrow", "Pell", "Okafor", "Lindqvist", "Marchetti", "Haldane", "Nakamura", "Brennan",
        "Castellanos", "Ivanova", "Whitlock", "Abernathy", "Kowalczyk", "Delacroix", "Fairweather",
    ];

    private static readonly string[] GivenNames =
    [
        "Ada", "Tomas", "Ingrid", "Kwame", "Lucia", "Hector", "Mei", "Oskar", "Priya", "Rafael",
        "Sigrid", "Yusuf", "Beatrix", "Cormac", "Elodie",
    ];

    private static readonly string[] Things =
    [
        "Railway Station", "Lighthouse", "Cathedral", "River", "Observatory", "Formation", "Treaty",
        "Uprising", "Dialect", "Bridge", "Football Club", "Abbey", "Canal", "Mine", "Festival",
    ];

    private static readonly string[] Kinds = ["film", "album", "novel", "song", "ship", "video game"];

    /// <summary>A random article title; never contains '/' (it becomes a URL path segment).</summary>
    public static string Next()
    {
        var random = Random.Shared;
        var place = Place(random);
        return random.Next(9) switch
        {
            0 => $"Battle of {place}",
            1 => $"{place} {Things[random.Next(Things.Length)]}",
            2 => $"{GivenNames[random.Next(GivenNames.Length)]} {Surnames[random.Next(Surnames.Length)]}",
            3 => $"{place} ({random.Next(1890, 2025)} {Kinds[random.Next(Kinds.Length)]})",
            4 => $"O'{Surnames[random.Next(Surnames.Length)]} & {Surnames[random.Next(Surnames.Length)]}",
            5 => $"List of {Things[random.Next(Things.Length)].ToLowerInvariant()}s in {place}",
            6 => $"{Surnames[random.Next(Surnames.Length)]}'s {Things[random.Next(Things.Length)].ToLowerInvariant()}",
            7 => $"{place}, {Place(random)}",
            _ => $"{place} <{random.Next(100, 1000)}> \"{Surnames[random.Next(Surnames.Length)]}\"",
        };
    }

    /// <summary>The URL path segment of a title, as an encyclopedia writes it (spaces become '_'), escaped.</summary>
    public static string ToSlug(string title) => Uri.EscapeDataString(title.Replace(' ', '_'));

    /// <summary>The title of a (route-decoded) slug.</summary>
    public static string FromSlug(string slug) => slug.Replace('_', ' ');

    private static string Place(Random random)
    {
        var builder = new StringBuilder(24);
        builder.Append(Onsets[random.Next(Onsets.Length)]);
        if (random.Next(3) == 0)
        {
            builder.Append(Onsets[random.Next(Onsets.Length)].ToLowerInvariant());
        }

        builder.Append(Codas[random.Next(Codas.Length)]);
        return builder.ToString();
    }
}

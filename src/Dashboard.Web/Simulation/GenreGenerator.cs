namespace Dashboard.Web.Simulation;

/// <summary>
/// Makes up music genres the way the genrenator API does: a qualifier or two in front of a
/// style ("byzantine motown", "post-industrial sea shanty"). Thread-safe.
/// </summary>
public static class GenreGenerator
{
    private static readonly string[] Qualifiers =
    [
        "byzantine", "dark", "progressive", "acid", "baroque", "cosmic", "lo-fi", "melodic", "nordic",
        "psychedelic", "swamp", "tropical", "industrial", "chamber", "desert", "glitch", "celtic",
        "cinematic", "gothic", "neon", "outlaw", "bedroom", "harsh", "space", "underground", "vintage",
        "experimental", "minimal", "atmospheric", "orchestral", "acoustic", "avant-garde", "brutal",
        "dreamy", "electric", "folk", "jazzy", "stoner", "symphonic", "wonky", "balkan", "latin",
        "mathy", "doom", "yacht", "polar", "haunted", "sunshine", "garage", "cyber",
    ];

    private static readonly string[] Prefixes =
    [
        "post-", "neo-", "proto-", "nu-", "anti-", "retro-", "micro-", "hyper-", "pseudo-", "trans-",
    ];

    private static readonly string[] Styles =
    [
        "motown", "jazz", "rock", "polka", "trap", "bluegrass", "grunge", "techno", "dubstep",
        "sea shanty", "zydeco", "reggaeton", "metal", "punk", "disco", "funk", "soul", "gospel",
        "ambient", "house", "hip hop", "shoegaze", "krautrock", "emo", "ska", "bossa nova", "cumbia",
        "drum and bass", "opera", "yodel", "chiptune", "vaporwave", "skiffle", "madrigal", "waltz",
        "surf", "rockabilly", "dub", "highlife", "tango", "fado", "bolero", "electro", "trance",
        "hardcore", "new wave", "grime", "swing", "blues", "country",
    ];

    /// <summary>A random genre such as "byzantine motown" or "post-industrial sea shanty".</summary>
    public static string Next()
    {
        var random = Random.Shared;
        var style = Styles[random.Next(Styles.Length)];
        var qualifier = Qualifiers[random.Next(Qualifiers.Length)];
        return random.Next(6) switch
        {
            0 => $"{Prefixes[random.Next(Prefixes.Length)]}{qualifier} {style}",
            1 => $"{qualifier} {Qualifiers[random.Next(Qualifiers.Length)]} {style}",
            2 => $"{Prefixes[random.Next(Prefixes.Length)]}{style}",
            _ => $"{qualifier} {style}",
        };
    }
}

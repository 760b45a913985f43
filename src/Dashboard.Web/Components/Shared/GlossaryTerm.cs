namespace Dashboard.Web.Components.Shared;

/// <summary>One word the dashboard uses, with what it means here.</summary>
/// <param name="Id">The anchor on /glossary ("p90").</param>
/// <param name="Term">The word as the pages write it.</param>
/// <param name="Meaning">One or two plain sentences.</param>
public sealed record GlossaryTerm(string Id, string Term, string Meaning);

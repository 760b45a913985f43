namespace Dashboard.Engine.Findings;

/// <summary>
/// What a finding means, once per rule: the warnings reference page and each warning's "why" read it.
/// </summary>
/// <param name="Id">The finding's id (<see cref="FindingIds"/>).</param>
/// <param name="Title">A few words ("Tasks too short").</param>
/// <param name="Fires">When it fires, with its threshold, in one sentence.</param>
/// <param name="Why">Why the figures look like this: the mechanism behind it.</param>
/// <param name="WhatToDo">What to change to make it go away.</param>
public sealed record FindingRule(string Id, string Title, FindingSeverity Severity, string Fires, string Why, string WhatToDo);

using Dashboard.Engine.Running;

namespace Dashboard.Web.Api;

/// <summary>A POST /api/runs body turned into a plan, or the problems with it keyed by field.</summary>
public sealed record ParsedRunRequest(RunPlan? Plan, string? Label, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Errors.Count == 0 && Plan is not null;
}

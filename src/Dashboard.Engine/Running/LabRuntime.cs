namespace Dashboard.Engine.Running;

/// <summary>Which runtime runs a plan's strategies: .NET (the Engine), the Python twins, or both.</summary>
public enum LabRuntime
{
    /// <summary>The Engine's own strategies (the default).</summary>
    Dotnet,

    /// <summary>The Python twins (src/twins/python) of every strategy that has one.</summary>
    Python,

    /// <summary>Each strategy in .NET, then its Python twin, interleaved like repetitions.</summary>
    Both,
}

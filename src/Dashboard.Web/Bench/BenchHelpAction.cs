using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Dashboard.Web.Bench;

/// <summary>System.CommandLine's help, followed by the exit codes.</summary>
internal sealed class BenchHelpAction(HelpAction help) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    /// <summary>Wraps at a fixed width, so the help reads the same in a terminal, a pipe and the README.</summary>
    public int MaxWidth { get; init; }

    public override int Invoke(ParseResult parseResult)
    {
        help.MaxWidth = MaxWidth;
        help.Invoke(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(BenchArgumentParser.ExitCodesText);
        return BenchCommand.ExitOk;
    }
}

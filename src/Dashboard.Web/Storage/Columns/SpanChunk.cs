using Dashboard.Engine.Running;

namespace Dashboard.Web.Storage.Columns;

/// <summary>One chunk of a span blob: its first row's number and its spans (null where a filter left a row out).</summary>
internal sealed record SpanChunk(int FirstRow, TaskSpan[] Spans);

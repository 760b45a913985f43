using System.Text.Json;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Exports;

/// <summary>
/// Reads and writes <see cref="RunDocument"/> as JSON: camelCase, enums as camelCase strings,
/// lanes as "pid:tid", workload parameters with their "workload" discriminator.
/// </summary>
public static class RunJson
{
    /// <summary>The serializer options of run documents (also right for <see cref="RunEnvironment"/> alone).</summary>
    public static JsonSerializerOptions Options => RunJsonOptions.Compact;

    // The serializer's messages quote paths (property names of any length) and values.
    private const int MaxSerializerMessageLength = 300;

    private static JsonSerializerOptions IndentedOptions => RunJsonOptions.Indented;

    /// <summary>The document as UTF-8 JSON bytes.</summary>
    public static byte[] SerializeToUtf8Bytes(RunDocument document, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(document);
        return JsonSerializer.SerializeToUtf8Bytes(document, indented ? IndentedOptions : Options);
    }

    /// <summary>The document as a JSON string.</summary>
    public static string Serialize(RunDocument document, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(document);
        return JsonSerializer.Serialize(document, indented ? IndentedOptions : Options);
    }

    /// <summary>
    /// Writes the document to <paramref name="stream"/> (e.g. a response body) as it serializes it:
    /// the serializer hands its buffer to the stream as it fills, so spans read as they are
    /// enumerated (<see cref="Storage.IRunStore.GetForExportAsync"/>) never pile up.
    /// </summary>
    public static Task SerializeAsync(Stream stream, RunDocument document, CancellationToken cancellationToken) =>
        SerializeAsync(stream, document, indented: false, cancellationToken);

    /// <inheritdoc cref="SerializeAsync(Stream, RunDocument, CancellationToken)"/>
    public static Task SerializeAsync(Stream stream, RunDocument document, bool indented, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        return JsonSerializer.SerializeAsync(stream, document, indented ? IndentedOptions : Options, cancellationToken);
    }

    /// <summary>Reads a document.</summary>
    /// <exception cref="RunDocumentException">Not JSON, another format version, or a document with missing or invalid parts.</exception>
    public static RunDocument Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Deserialize(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <inheritdoc cref="Deserialize(string)"/>
    public static RunDocument Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        RunDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<RunDocument>(utf8Json, Options);
        }
        catch (JsonException e)
        {
            // A newer or older document fails on shape first; say "version" when that is the reason.
            throw VersionProblem(utf8Json) ?? new RunDocumentException($"Not a valid run document: {ValueEcho.Short(e.Message, MaxSerializerMessageLength)}", e);
        }
        catch (NotSupportedException e)
        {
            throw VersionProblem(utf8Json) ?? new RunDocumentException($"Not a valid run document: {ValueEcho.Short(e.Message, MaxSerializerMessageLength)}", e);
        }

        if (document is null)
        {
            throw new RunDocumentException("Not a valid run document: the JSON is null.");
        }

        return Check(document);
    }

    /// <summary>Reads a document from a stream.</summary>
    /// <exception cref="RunDocumentException">As <see cref="Deserialize(string)"/>.</exception>
    public static async Task<RunDocument> DeserializeAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private static RunDocument Check(RunDocument document)
    {
        if (document.FormatVersion != RunDocument.CurrentFormatVersion)
        {
            throw WrongVersion(document.FormatVersion);
        }

        var run = document.Run ?? throw Missing("run");
        var plan = run.Plan ?? throw Missing("run.plan");
        _ = plan.Parameters ?? throw Missing("run.plan.parameters");
        _ = plan.Strategies ?? throw Missing("run.plan.strategies");
        var results = run.Results ?? throw Missing("run.results");

        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i] ?? throw Missing($"run.results[{i}]");
            if (string.IsNullOrWhiteSpace(result.Strategy))
            {
                throw Missing($"run.results[{i}].strategy");
            }

            if (result.OutputCheck is null)
            {
                throw Missing($"run.results[{i}].outputCheck");
            }

            var spans = result.Spans ?? throw Missing($"run.results[{i}].spans");
            for (var j = 0; j < spans.Count; j++)
            {
                _ = spans[j] ?? throw Missing($"run.results[{i}].spans[{j}]");
            }
        }

        RunDocumentValidator.Validate(document);

        // Statistics are derived data: recomputed from the validated results, never taken on trust
        // (a hand-made document could claim any speedup, or warnings 1 MB long).
        return document with { Statistics = RunStatistics.Compute(results) };
    }

    private static RunDocumentException? VersionProblem(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isVersion = reader.ValueTextEquals("formatVersion"u8);
                reader.Read();
                if (isVersion)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var version) &&
                           version != RunDocument.CurrentFormatVersion
                        ? WrongVersion(version)
                        : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the caller's message about the syntax is the better one.
        }

        return null;
    }

    private static RunDocumentException WrongVersion(int version) =>
        new($"Unsupported run document format version {version}: this dashboard reads version {RunDocument.CurrentFormatVersion}.");

    private static RunDocumentException Missing(string path) =>
        new($"Not a valid run document: '{path}' is missing.");
}

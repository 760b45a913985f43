using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Dashboard.Engine.Running;

/// <summary>
/// The outputs of a repetition's tasks that completed ok, as a view of its recorder
/// (<see cref="TaskRecorder.Outputs"/>): task index -> output, enumerated in task order. Read once
/// the repetition's tasks have ended (its count is taken when it is made).
/// </summary>
internal sealed class RecordedOutputs : IReadOnlyDictionary<int, string>
{
    private readonly TaskRecorder _recorder;

    public RecordedOutputs(TaskRecorder recorder)
    {
        _recorder = recorder;
        Count = Keys.Count();
    }

    public int Count { get; }

    public IEnumerable<int> Keys
    {
        get
        {
            for (var i = 0; i < _recorder.TaskCount; i++)
            {
                if (_recorder.TryGetOutput(i, out _))
                {
                    yield return i;
                }
            }
        }
    }

    public IEnumerable<string> Values => this.Select(o => o.Value);

    public string this[int key] => TryGetValue(key, out var output) ? output : throw new KeyNotFoundException($"Task {key} did not complete.");

    public bool ContainsKey(int key) => _recorder.TryGetOutput(key, out _);

    public bool TryGetValue(int key, [MaybeNullWhen(false)] out string value) => _recorder.TryGetOutput(key, out value);

    public IEnumerator<KeyValuePair<int, string>> GetEnumerator()
    {
        for (var i = 0; i < _recorder.TaskCount; i++)
        {
            if (_recorder.TryGetOutput(i, out var output))
            {
                yield return new(i, output);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

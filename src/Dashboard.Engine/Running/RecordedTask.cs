namespace Dashboard.Engine.Running;

/// <summary>
/// What the recorder knows of one task besides its times (<see cref="TaskTimeColumns"/>): one row
/// of the repetition's array (<see cref="TaskRecorder"/>), 40 bytes: its state word (started,
/// ended, in flight here, tracked, status, how many threads it ran on), start and end, its lane's
/// thread, the first two threads it ran on and its detail. Rare facts (a lane in another process,
/// the node, timing measured elsewhere, the transfer, more threads) live in the recorder's side
/// tables (<see cref="RecordedTaskExtras"/>). Written under the recorder's striped locks; the state
/// word is published last, so a reader that sees the task ended sees its end.
/// </summary>
internal struct RecordedTask
{
    public const int StartedFlag = 1;
    public const int TerminalFlag = 2;
    public const int InFlightHereFlag = 4;
    public const int TrackedFlag = 8;

    /// <summary>Most threads kept per task, so a task resuming millions of times stays bounded.</summary>
    public const int MaxThreads = 256;

    private const int StatusShift = 4;
    private const int StatusMask = 3 << StatusShift;
    private const int ThreadCountShift = 8;

    public int State;
    public int LaneThread;
    public long Start;
    public long End;
    public int Thread0;
    public int Thread1;
    public string? Detail;

    public static bool Has(int state, int flag) => (state & flag) != 0;

    public static TaskStatus StatusOf(int state) => (TaskStatus)((state & StatusMask) >> StatusShift);

    public static int WithStatus(int state, TaskStatus status) => (state & ~StatusMask) | ((int)status << StatusShift);

    public static int ThreadCountOf(int state) => state >>> ThreadCountShift;

    public static int WithOneMoreThread(int state) => state + (1 << ThreadCountShift);
}

namespace Dashboard.Web.Runs.Host;

/// <summary>What lstat says about a path itself (a link is not followed): its kind, owner and permission bits.</summary>
/// <param name="Kind">Directory, file, symbolic link or other (socket, device, ...).</param>
/// <param name="OwnerId">The owner's user id.</param>
/// <param name="Permissions">The permission bits (mode &amp; 0777).</param>
public sealed record FileFacts(FileKind Kind, uint OwnerId, UnixFileMode Permissions);

// These tests start node processes and read /proc: they run on Linux, as the lab does.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

using System.Runtime.InteropServices;

namespace NeuralNet.Engine.Persistence;

/// <summary>
/// The file-system operations that crash safety rests on, with their POSIX meaning spelt out: <see cref="Rename"/>
/// is one atomic rename(2) (exactly one of two processes renaming the same entry wins; an existing target is
/// replaced in one step), <see cref="SyncDirectory"/> makes the renames inside a folder durable, and
/// <see cref="IsRegularFile"/> tells a FIFO or device from a file without opening it (opening a FIFO blocks).
/// On Windows they fall back to the closest .NET call.
/// </summary>
public static partial class DurableFileSystem
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeTypeMask = 0xF000;
    private const int ModeRegular = 0x8000;

    /// <summary>Renames <paramref name="source"/> (a file, folder, link or FIFO) to <paramref name="target"/> in one atomic step, replacing a target file or link.</summary>
    /// <returns>False when <paramref name="source"/> no longer exists (another process took it).</returns>
    /// <exception cref="IOException">Any other failure.</exception>
    public static bool Rename(string source, string target)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            try
            {
                if (Directory.Exists(source)) Directory.Move(source, target);
                else File.Move(source, target, overwrite: true);
                return true;
            }
            catch (FileNotFoundException) { return false; }
            catch (DirectoryNotFoundException) { return false; }
        }
        if (rename(source, target) == 0) return true;
        int errno = Marshal.GetLastPInvokeError();
        if (errno == 2) return false; // ENOENT
        throw new IOException($"cannot rename {source} to {target}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
    }

    /// <summary>Flushes a folder's entries (creations, renames) to disk. Best effort where the platform has no such call.</summary>
    public static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows()) return; // NTFS journals metadata; a folder cannot be opened for fsync
        int fd = open(directory, 0); // O_RDONLY
        if (fd < 0) throw new IOException($"cannot open folder {directory} to sync it: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}.");
        try
        {
            if (fsync(fd) != 0 && Marshal.GetLastPInvokeError() is not (22 or 95)) // EINVAL/EOPNOTSUPP: the file system cannot sync folders
                throw new IOException($"cannot sync folder {directory}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}.");
        }
        finally
        {
            _ = close(fd);
        }
    }

    /// <summary>
    /// True when <paramref name="path"/> is a regular file (not a folder, FIFO, socket or device, nor a link to one).
    /// Null when it does not exist. Uses statx(2), whose layout is the same on every Linux architecture.
    /// </summary>
    public static bool? IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            if (Directory.Exists(path)) return false;
            return File.Exists(path) ? true : null;
        }
        Span<byte> buffer = stackalloc byte[256];
        if (statx(AtFdCwd, path, 0, StatxType, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is 2 or 20) return null; // ENOENT, ENOTDIR
            throw new IOException($"cannot inspect {path}: {Marshal.GetPInvokeErrorMessage(errno)}.");
        }
        int mode = BitConverter.ToUInt16(buffer[28..30]); // stx_mode
        return (mode & ModeTypeMask) == ModeRegular;
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rename(string oldPath, string newPath);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int dirFd, string path, int flags, uint mask, ref byte buffer);
}

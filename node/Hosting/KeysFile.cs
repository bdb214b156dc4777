namespace DihNode.Node.Hosting;

/// <summary>
/// The keys file (<c>serve --keys FILE</c>): one <c>NAME ROLES SHA256-OF-KEY</c> per line (64 hex digits;
/// blank lines and <c>#</c> comments are skipped), so the file never holds a key. Read at start and again on
/// every reload (<see cref="KeysFileReloader"/>); the same rules both times, so a file the node would refuse
/// to start with is also a file a running node refuses to switch to.
/// </summary>
public static class KeysFile
{
    /// <summary>
    /// The credentials of <paramref name="path"/>, each marked <see cref="WriteCredential.FromKeysFile"/>. A
    /// <see cref="KeysFileException"/> names <c>FILE:LINE</c> (and the field) and what is wrong, never a key
    /// or a hash; one the file cannot be read for says why. <paramref name="taken"/>: the names defined
    /// elsewhere (<c>--api-key</c>, <c>--key</c>), which a line may not take again.
    /// </summary>
    public static IReadOnlyList<WriteCredential> Read(string path, IReadOnlyCollection<string>? taken = null)
    {
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { throw new KeysFileException($"{path}: no such file", line: null); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new KeysFileException($"{path}: {e.Message}", line: null); }
        var credentials = new List<WriteCredential>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int number = i + 1;
            string where = $"{path}:{number}";
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3) throw new KeysFileException($"{where}: expected NAME ROLE[,ROLE] SHA256-OF-KEY (64 hex digits)", number);
            if (parts[2].Length != 64 || !parts[2].All(char.IsAsciiHexDigit))
                throw new KeysFileException($"{where}, field 3: expected the SHA-256 of the key as 64 hex digits (e.g. printf %s KEY | sha256sum), not the key", number);
            WriteCredential credential;
            try { credential = WriteCredential.Define(parts[0], parts[1], Convert.FromHexString(parts[2]), where) with { FromKeysFile = true }; }
            catch (FormatException e) { throw new KeysFileException(e.Message, number); }
            if (lineOf.TryGetValue(credential.Name, out int first))
                throw new KeysFileException($"{where}: credential '{credential.Name}' is configured twice (also on line {first})", number);
            if (credential.Name == WriteCredential.ApiKeyName)
                throw new KeysFileException($"{where}: the credential name '{WriteCredential.ApiKeyName}' is the one --api-key defines; choose another", number);
            if (taken is not null && taken.Contains(credential.Name))
                throw new KeysFileException($"{where}: credential '{credential.Name}' is configured twice (also by --key {credential.Name})", number);
            lineOf[credential.Name] = number;
            credentials.Add(credential);
        }
        return credentials;
    }
}

/// <summary>A keys file that cannot be used: the message names <c>FILE:LINE</c> when a line is at fault (<see cref="Line"/>), never a key or a hash.</summary>
public sealed class KeysFileException(string message, int? line) : Exception(message)
{
    /// <summary>The line at fault (1-based); null when the file as a whole could not be read.</summary>
    public int? Line { get; } = line;
}

using System.Security.Cryptography;
using System.Text;
using DihNode.Node.Registry;
using DihNode.Rdf.Store;

namespace DihNode.Reliability.Tests.Support;

/// <summary>
/// What "the request changed nothing" means in the security tests: a hash of every quad (sorted), the
/// registry's last change sequence, and the bytes of every file in the node's database folder.
/// </summary>
internal static class DataFingerprint
{
    public static string Of(NodeStore store, string database)
    {
        var snapshot = store.Rdf.Snapshot();
        var lines = new List<string>();
        var cursor = snapshot.Find(QuadPattern.InAllGraphs());
        while (cursor.MoveNext())
        {
            var q = cursor.Current;
            lines.Add($"{snapshot.GetTerm(q.S)} {snapshot.GetTerm(q.P)} {snapshot.GetTerm(q.O)} {(q.G == 0 ? "" : snapshot.GetTerm(q.G).ToString())}");
        }
        lines.Sort(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string line in lines) hash.AppendData(Encoding.UTF8.GetBytes(line + "\n"));
        hash.AppendData(Encoding.UTF8.GetBytes(store.Registry.LastSequence + "\n"));
        foreach (string file in Directory.GetFiles(Path.GetDirectoryName(database)!).Order(StringComparer.Ordinal))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            hash.AppendData(SHA256.HashData(stream));
        }
        return $"{lines.Count} quads, sequence {store.Registry.LastSequence}, sha256 {Convert.ToHexString(hash.GetHashAndReset())[..16]}";
    }
}

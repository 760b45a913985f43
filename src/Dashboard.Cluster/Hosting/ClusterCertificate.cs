using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Orleans.Connections.Security;

namespace Dashboard.Cluster.Hosting;

/// <summary>
/// The one certificate a cluster's nodes and its client share (mutual TLS): each side presents it,
/// and accepts a connection only when the other side presents the same one (pinned, so a self-signed
/// certificate needs no chain). Kept as one PEM file holding the certificate and its private key.
/// </summary>
public static class ClusterCertificate
{
    /// <summary>The TLS server name the cluster's connections ask for (the pin decides, not the name).</summary>
    public const string HostName = "dashboard-lab";

    /// <summary>How long a TLS handshake may take before the connection is dropped.</summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(30);

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A fresh self-signed certificate (ECDSA P-256) for one start of the local nodes.</summary>
    public static X509Certificate2 Create(TimeSpan lifetime)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={HostName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false)); // server and client authentication
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(HostName);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.Add(lifetime));
    }

    /// <summary>Writes the certificate and its private key to a new file only its owner can read or write (0600).</summary>
    public static void Write(X509Certificate2 certificate, string path)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("The certificate has no ECDSA private key.", nameof(certificate));
        var pem = new StringBuilder()
            .AppendLine(certificate.ExportCertificatePem())
            .AppendLine(key.ExportPkcs8PrivateKeyPem())
            .ToString();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using var file = new StreamWriter(path, Encoding.ASCII, options);
        file.Write(pem);
    }

    /// <summary>Reads a PEM file holding the certificate and its private key.</summary>
    /// <exception cref="InvalidOperationException">The file is missing, has no key, or is not a certificate.</exception>
    public static X509Certificate2 Load(string path)
    {
        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(path);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException($"The cluster certificate {path} holds no private key.");
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException($"The cluster certificate {path} could not be read: {e.Message}", e);
        }
    }

    /// <summary>
    /// Mutual TLS with <paramref name="certificate"/> on both sides: present it, require the other side's
    /// certificate, and accept only this very certificate.
    /// </summary>
    public static void Configure(TlsOptions options, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(certificate);
        var pinned = certificate.RawData;
        options.LocalCertificate = certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (remote, _, _) => remote.RawDataMemory.Span.SequenceEqual(pinned);
        options.OnAuthenticateAsClient = (_, tls) => tls.TargetHost = HostName;

        // Orleans' 10 s default aborted joining nodes' handshakes on two cores busy with other work
        // (the node never joined within 60 s, each retry a fresh handshake); a lab machine is often that busy.
        options.HandshakeTimeout = HandshakeTimeout;
    }
}

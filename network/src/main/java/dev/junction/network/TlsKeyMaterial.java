package dev.junction.network;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads PEM certificates and PKCS#8 private keys from files, and says in one line, naming the option, what
 * is wrong with one that cannot be used: the operator fixes a file, never reads a stack trace. Read here
 * rather than by Netty so that a missing file, a PKCS#1 key, a wrong password and a key that is not the
 * certificate's each get their own answer, and so the load generator can read the same files.
 */
public final class TlsKeyMaterial
{
    private static final Pattern PEM_BLOCK = Pattern.compile(
        "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";
    private static final String PBES2_OID = "1.2.840.113549.1.5.13";
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448"};

    private TlsKeyMaterial()
    {
    }

    /**
     * @param option the option that named the file, for the message ({@code --tls-cert}).
     * @return every certificate in the file, in file order (a chain: leaf first).
     * @throws StartupException when the file cannot be read or holds no usable certificate.
     */
    public static List<X509Certificate> readCertificates(final Path file, final String option) throws StartupException
    {
        final String text = read(file, option);
        final List<X509Certificate> certificates = new ArrayList<>();
        final Matcher block = PEM_BLOCK.matcher(text);
        while (block.find())
        {
            if (!block.group(1).equals(CERTIFICATE))
            {
                continue;
            }
            try
            {
                certificates.add((X509Certificate)CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(decode(block.group(2), file, option))));
            }
            catch (final CertificateException e)
            {
                throw new StartupException(option + " " + file + ": certificate " + (certificates.size() + 1) +
                    " cannot be parsed: " + e.getMessage());
            }
        }
        if (certificates.isEmpty())
        {
            throw new StartupException(option + " " + file + ": no PEM certificate in the file (expected " +
                "-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /**
     * @param password an encrypted key's password, or null when none was given.
     * @return the first private key in the file: PKCS#8, plain ({@code BEGIN PRIVATE KEY}) or encrypted
     * ({@code BEGIN ENCRYPTED PRIVATE KEY}).
     * @throws StartupException when the file cannot be read, holds no PKCS#8 key, is encrypted and no
     *                          password was given, or the password does not decrypt it.
     */
    public static PrivateKey readPrivateKey(final Path file, final String option, final char[] password)
        throws StartupException
    {
        final String text = read(file, option);
        final Matcher block = PEM_BLOCK.matcher(text);
        while (block.find())
        {
            final String type = block.group(1);
            if (type.equals(PRIVATE_KEY))
            {
                return parseKey(new PKCS8EncodedKeySpec(decode(block.group(2), file, option)), file, option);
            }
            if (type.equals(ENCRYPTED_PRIVATE_KEY))
            {
                if (password == null)
                {
                    throw new StartupException(option + " " + file + ": the key is encrypted; name the environment " +
                        "variable that holds its password with --tls-key-password-env");
                }
                return parseKey(decrypt(decode(block.group(2), file, option), password, file, option), file, option);
            }
            if (type.endsWith(" PRIVATE KEY"))
            {
                throw new StartupException(option + " " + file + ": '" + type + "' is not PKCS#8; convert it with " +
                    "openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName() + " -out key.pk8.pem");
            }
        }
        throw new StartupException(option + " " + file + ": no PEM PKCS#8 private key in the file (expected " +
            "-----BEGIN PRIVATE KEY-----)");
    }

    /**
     * Proves {@code key} is the private half of {@code certificate}'s public key by signing with one and
     * verifying with the other, whatever the algorithm.
     *
     * @throws StartupException naming both options when it is not.
     */
    public static void checkKeyMatches(final PrivateKey key, final X509Certificate certificate, final Path keyFile,
        final Path certFile) throws StartupException
    {
        final String algorithm = signatureAlgorithm(key);
        boolean matches;
        try
        {
            final byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            final Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            final byte[] signature = signer.sign();
            final Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        }
        catch (final GeneralSecurityException e)
        {
            // An EC key against an RSA certificate, a P-384 key against a P-256 one: not a pair either.
            matches = false;
        }
        if (!matches)
        {
            throw new StartupException("--tls-key " + keyFile + ": the key does not belong to the certificate in " +
                "--tls-cert " + certFile + " (" + certificate.getSubjectX500Principal().getName() + ")");
        }
    }

    private static String signatureAlgorithm(final PrivateKey key)
    {
        switch (key.getAlgorithm())
        {
            case "RSA":
                return "SHA256withRSA";
            case "EC":
                return "SHA256withECDSA";
            default:
                return key.getAlgorithm();
        }
    }

    private static PKCS8EncodedKeySpec decrypt(final byte[] der, final char[] password, final Path file,
        final String option) throws StartupException
    {
        try
        {
            final EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            final String algorithm = pbeAlgorithm(info);
            final SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
            final Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password)), info.getAlgParameters());
            return info.getKeySpec(cipher);
        }
        catch (final IOException e)
        {
            throw new StartupException(option + " " + file + ": the encrypted key cannot be parsed: " + e.getMessage());
        }
        catch (final InvalidKeySpecException e)
        {
            throw new StartupException(option + " " + file + ": the password from --tls-key-password-env does not " +
                "decrypt the key");
        }
        catch (final GeneralSecurityException e)
        {
            throw new StartupException(option + " " + file + ": the key's encryption is not supported here (" +
                e.getMessage() + "); re-encrypt it with openssl pkcs8 -topk8 -v2 aes-256-cbc");
        }
    }

    /**
     * The JDK names a PBES2 key (what {@code openssl pkcs8 -topk8 -v2} writes) by the scheme, "PBES2", for which
     * it has no cipher; its parameters name the concrete one, e.g. {@code PBEWithHmacSHA256AndAES_256}.
     */
    private static String pbeAlgorithm(final EncryptedPrivateKeyInfo info)
    {
        final String name = info.getAlgName();
        final boolean pbes2 = name.equals("PBES2") || name.equals(PBES2_OID);
        return pbes2 && info.getAlgParameters() != null ? info.getAlgParameters().toString() : name;
    }

    private static PrivateKey parseKey(final PKCS8EncodedKeySpec spec, final Path file, final String option)
        throws StartupException
    {
        for (final String algorithm : KEY_ALGORITHMS)
        {
            try
            {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            }
            catch (final GeneralSecurityException notThisOne)
            {
                // Try the next algorithm: PKCS#8 names its algorithm inside, and only the right factory reads it.
            }
        }
        throw new StartupException(option + " " + file + ": the private key is not an RSA, EC, Ed25519 or Ed448 " +
            "PKCS#8 key");
    }

    private static byte[] decode(final String base64, final Path file, final String option) throws StartupException
    {
        try
        {
            return Base64.getMimeDecoder().decode(base64);
        }
        catch (final IllegalArgumentException e)
        {
            throw new StartupException(option + " " + file + ": a PEM block is not valid base64: " + e.getMessage());
        }
    }

    private static String read(final Path file, final String option) throws StartupException
    {
        try
        {
            // Latin-1 never fails to decode: a DER or other binary file is then reported as holding no PEM block.
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        }
        catch (final NoSuchFileException e)
        {
            throw new StartupException(option + " " + file + ": no such file");
        }
        catch (final AccessDeniedException e)
        {
            throw new StartupException(option + " " + file + ": permission denied");
        }
        catch (final IOException e)
        {
            throw new StartupException(option + " " + file + ": cannot read: " +
                (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}

package io.drover.testing.kafka;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates of the broker's mutual-TLS listener, as PEM files in the layout of a Strimzi
 * KafkaUser Secret: a throwaway authority ({@code ca.crt}), the broker's certificate for 127.0.0.1,
 * and one client certificate ({@code user.crt}, with its unencrypted PKCS#8 key {@code user.key})
 * whose principal is a super user.
 *
 * @param caCertificate the authority both sides trust
 * @param clientCertificate the client's certificate
 * @param clientKey the client's private key, PKCS#8
 * @param brokerKeyAndCertificate the broker's key and certificate in one file, as Kafka's PEM
 *     keystore file wants them
 */
public record TlsMaterial(
    Path caCertificate, Path clientCertificate, Path clientKey, Path brokerKeyAndCertificate) {

  /** The client certificate's subject; the broker names it {@code User:CN=drover-mtls}. */
  static final String CLIENT_SUBJECT = "CN=drover-mtls";

  private static final Duration VALIDITY = Duration.ofDays(2);

  /** Creates the authority and both certificates in {@code dir}. */
  static TlsMaterial create(Path dir) {
    try {
      Files.createDirectories(dir);
      KeyPair caKeys = rsa();
      X500Name caName = new X500Name("CN=drover-test-kafka-ca");
      X509Certificate ca =
          sign(
              new JcaX509v3CertificateBuilder(
                      caName, serial(), notBefore(), notAfter(), caName, caKeys.getPublic())
                  .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)),
              caKeys);
      KeyPair brokerKeys = rsa();
      X509Certificate broker =
          sign(
              new JcaX509v3CertificateBuilder(
                      caName,
                      serial(),
                      notBefore(),
                      notAfter(),
                      new X500Name("CN=127.0.0.1"),
                      brokerKeys.getPublic())
                  .addExtension(
                      Extension.subjectAlternativeName,
                      false,
                      new GeneralNames(
                          new GeneralName[] {
                            new GeneralName(
                                GeneralName.iPAddress,
                                InetAddress.getLoopbackAddress().getHostAddress()),
                            new GeneralName(GeneralName.dNSName, "localhost")
                          })),
              caKeys);
      KeyPair clientKeys = rsa();
      X509Certificate client =
          sign(
              new JcaX509v3CertificateBuilder(
                  caName,
                  serial(),
                  notBefore(),
                  notAfter(),
                  new X500Name(CLIENT_SUBJECT),
                  clientKeys.getPublic()),
              caKeys);
      TlsMaterial files =
          new TlsMaterial(
              dir.resolve("ca.crt"),
              dir.resolve("user.crt"),
              dir.resolve("user.key"),
              dir.resolve("broker.pem"));
      Files.writeString(files.caCertificate(), pem(ca));
      Files.writeString(files.clientCertificate(), pem(client));
      Files.writeString(files.clientKey(), pkcs8(clientKeys.getPrivate()));
      Files.writeString(
          files.brokerKeyAndCertificate(), pkcs8(brokerKeys.getPrivate()) + pem(broker));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot create the broker's test certificates", e);
    }
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(System.nanoTime());
  }

  private static Date notBefore() {
    return Date.from(Instant.now().minus(Duration.ofHours(1)));
  }

  private static Date notAfter() {
    return Date.from(Instant.now().plus(VALIDITY));
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }

  /** "BEGIN PRIVATE KEY", which Kafka reads; BouncyCastle's default for RSA is PKCS#1. */
  private static String pkcs8(PrivateKey key) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(new JcaPKCS8Generator(key, null));
    }
    return out.toString();
  }
}

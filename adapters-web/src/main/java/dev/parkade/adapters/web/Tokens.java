package dev.parkade.adapters.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.parkade.application.Caller;
import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.UserId;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parkade's bearer tokens: HS256 JWTs with {@code sub} (the user id), {@code exp} (required) and
 * optional {@code roles}. Any other algorithm, {@code none} included, is refused.
 */
public final class Tokens {
  /** HS256 needs a key of at least 256 bits. */
  public static final int MIN_SECRET_BYTES = 32;

  public static final String OPERATOR_ROLE = "operator";

  private final byte[] secret;
  private final Clock clock;
  private final DefaultJWTProcessor<SecurityContext> processor;

  public Tokens(byte[] secret, Clock clock) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the token secret must be at least " + MIN_SECRET_BYTES + " bytes, was " + secret.length);
    }
    this.secret = secret.clone();
    this.clock = clock;
    this.processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(this.secret)));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            null, new JWTClaimsSet.Builder().build(), Set.of("sub", "exp")) {
          @Override
          protected Date currentTime() {
            return Date.from(Tokens.this.clock.instant());
          }
        });
  }

  /** A signed token for {@code user}, valid for {@code ttl}. */
  public String issue(UserId user, boolean operator, Duration ttl) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject(user.value())
            .issueTime(Date.from(clock.instant()))
            .expirationTime(Date.from(clock.instant().plus(ttl)));
    if (operator) {
      claims.claim("roles", List.of(OPERATOR_ROLE));
    }
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    try {
      jwt.sign(new MACSigner(secret));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return jwt.serialize();
  }

  /**
   * Who presents {@code token}.
   *
   * @throws Unauthenticated when the token is malformed, expired, wrongly signed, signed with
   *     another algorithm, or names a user id outside the alphabet
   */
  public Caller verify(String token) {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException | BadJOSEException | JOSEException e) {
      throw new Unauthenticated("the bearer token is not valid: " + e.getMessage());
    }
    UserId user;
    try {
      user = new UserId(claims.getSubject());
    } catch (InvalidValueException e) {
      throw new Unauthenticated("the token's subject is not a valid user id");
    }
    return new Caller(user, roles(claims).contains(OPERATOR_ROLE));
  }

  private static Set<String> roles(JWTClaimsSet claims) {
    try {
      List<String> roles = claims.getStringListClaim("roles");
      return roles == null ? Set.of() : new HashSet<>(roles);
    } catch (ParseException e) {
      throw new Unauthenticated("the token's roles are not a list of strings");
    }
  }

  /** The request carries no valid identity: 401. */
  public static final class Unauthenticated extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unauthenticated(String reason) {
      super(reason, null, false, false);
    }
  }
}

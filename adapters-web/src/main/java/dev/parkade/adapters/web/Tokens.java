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
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Parkade's bearer tokens: HS256 JWTs with {@code sub} (the user id), {@code exp} (required) and
 * optional {@code roles}. Any other algorithm, {@code none} included, is refused.
 */
public final class Tokens {
  /** HS256 needs a key of at least 256 bits. */
  public static final int MIN_SECRET_BYTES = 32;

  public static final String OPERATOR_ROLE = "operator";

  /** How many verified tokens are remembered at most; past it the memory starts over. */
  private static final int REMEMBERED_TOKENS = 10_000;

  private final byte[] secret;
  private final Clock clock;
  private final DefaultJWTProcessor<SecurityContext> processor;

  /**
   * Tokens that verified, by their whole text. Verifying (parse, HMAC, claims) is the largest cost
   * a start or an end request pays beyond a health check (BENCHMARKS.md, section 4), and a driver
   * presents the same token on every request. The text includes the signature, so a token that
   * verified once verifies again under the same secret; it is served from here only strictly before
   * its expiry, and anything else takes the full check.
   */
  private final ConcurrentMap<String, Verified> verified = new ConcurrentHashMap<>();

  private record Verified(Caller caller, Instant expiry) {}

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
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            null, new JWTClaimsSet.Builder().build(), Set.of("sub", "exp")) {
          @Override
          protected Date currentTime() {
            return Date.from(Tokens.this.clock.instant());
          }
        };
    // The contract refuses an expired token; the library's default minute of grace would let one
    // in for up to a minute past its exp, and only while it was not remembered (see verify).
    claims.setMaxClockSkew(0);
    processor.setJWTClaimsSetVerifier(claims);
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
    Verified known = verified.get(token);
    if (known != null && clock.instant().isBefore(known.expiry())) {
      return known.caller();
    }
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
    Caller caller = new Caller(user, roles(claims).contains(OPERATOR_ROLE));
    remember(token, caller, claims.getExpirationTime());
    return caller;
  }

  private void remember(String token, Caller caller, @Nullable Date expiry) {
    if (expiry == null) {
      return; // cannot happen: exp is required; never remember a token without one
    }
    if (verified.size() >= REMEMBERED_TOKENS) {
      verified.clear(); // rare, and cheaper than tracking which token was used last
    }
    verified.put(token, new Verified(caller, expiry.toInstant()));
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

package io.makerates.extractor.audit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces every configured secret value with {@code ***} wherever it appears: URL
 * (exchangerate-api keeps its key in the path), header values, parameter names and values, error
 * messages. Percent-encoded forms are replaced too.
 */
public final class SecretRedactor {

  public static final String MASK = "***";

  private final Set<String> forms = new LinkedHashSet<>();
  private volatile List<String> secrets = List.of();

  public SecretRedactor(Collection<String> secrets) {
    secrets.forEach(this::learn);
  }

  /** Adds a secret to mask from now on: a rotated key is learnt before it is first used. */
  public synchronized void learn(String secret) {
    if (secret == null || secret.isBlank()) {
      return;
    }
    forms.add(secret);
    forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
    // longest first, so that a secret containing another is masked whole
    this.secrets =
        forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  public static SecretRedactor none() {
    return new SecretRedactor(List.of());
  }

  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    return result;
  }

  public Map<String, String> redact(Map<String, String> values) {
    Map<String, String> result = new LinkedHashMap<>();
    values.forEach((name, value) -> result.put(redact(name), redact(value)));
    return result;
  }
}

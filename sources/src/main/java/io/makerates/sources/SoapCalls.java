package io.makerates.sources;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the providers served as SOAP services (MNB, CBA) have in common: the elements of a request's
 * envelope, and the fault an answer may carry instead of a result.
 */
public final class SoapCalls {

  private static final Pattern FAULT = Pattern.compile("<faultstring[^>]*>([^<]*)</faultstring>");

  private SoapCalls() {}

  /** One parameter of an operation, {@code <name>value</name>}; a missing value is empty. */
  public static String element(String name, String value) {
    String text = value == null ? "" : value.replace("&", "&amp;").replace("<", "&lt;");
    return "<" + name + ">" + text + "</" + name + ">";
  }

  /** The provider's error when the answer is a SOAP fault (sent with status 500), else empty. */
  public static Optional<ProviderError> fault(byte[] body) {
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    Matcher fault = FAULT.matcher(text);
    return fault.find()
        ? Optional.of(ProviderError.other("SOAP fault: " + fault.group(1).strip()))
        : Optional.empty();
  }
}

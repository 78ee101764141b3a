package io.makerates.sources;

import java.util.List;

/** Reads the body of one source type's answer into provider days, or refuses the whole answer. */
@FunctionalInterface
public interface AnswerParser {

  List<ProviderDay> parse(byte[] body) throws AnswerRejectedException;
}

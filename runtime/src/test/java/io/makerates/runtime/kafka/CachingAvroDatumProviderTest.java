package io.makerates.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.schema.QuotaUsage;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.junit.jupiter.api.Test;

class CachingAvroDatumProviderTest {

  @Test
  void oneSchemaInstanceGetsOneReaderAndOneWriter() {
    CachingAvroDatumProvider<Object> provider = new CachingAvroDatumProvider<>();
    Schema schema = QuotaUsage.getClassSchema();
    assertThat(provider.createDatumReader(schema)).isSameAs(provider.createDatumReader(schema));
    assertThat(provider.createDatumWriter(null, schema))
        .isSameAs(provider.createDatumWriter(null, schema));
  }

  @Test
  void newInstancesEveryTimeStopFillingTheCacheButStillGetAReader() {
    CachingAvroDatumProvider<Object> provider = new CachingAvroDatumProvider<>();
    String text = QuotaUsage.getClassSchema().toString();
    Schema last = null;
    for (int i = 0; i <= CachingAvroDatumProvider.MAX_INSTANCES + 5; i++) {
      last = new Schema.Parser().parse(text);
      DatumReader<Object> reader = provider.createDatumReader(last);
      assertThat(reader).isNotNull();
    }
    // past the bound a reader is not kept for its instance: the default's own cache answers for it
    assertThat(provider.cachedReaders()).isEqualTo(CachingAvroDatumProvider.MAX_INSTANCES);
  }
}

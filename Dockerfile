# syntax=docker/dockerfile:1
# One image per deployable, picked with APP (BuildKit is needed: cache mount, stage picked by name):
#   docker build --build-arg APP=streams-app -t makerates/streams-app:local .
#   APP = extractor-app | streams-app | sink-app | api-app
# The image runs the app's main class; ENTRYPOINT is `java -cp /app/lib/*`, so another main class of the same image
# runs with it as the command, e.g. a replay Job:
#   docker run --rm makerates/streams-app:local io.makerates.streams.replay.ReplayCommand --from 2025-01-01
#   (Kubernetes: args: [io.makerates.streams.replay.ReplayCommand, ...])
# JVM flags go in JDK_JAVA_OPTIONS (the java launcher reads it); JAVA_OPTS and MAIN_CLASS are not read any more.
# No HEALTHCHECK here: the JRE image has neither curl nor wget. docker-compose.yml probes /health/ready with bash's
# /dev/tcp instead, and Kubernetes uses httpGet probes.

# Which deployable to build. No default: a build without it stops at the last FROM ("base name should not be blank").
ARG APP

# ---------------------------------------------------------------------------------------------------------------------
# Build: the app and the reactor modules it needs (-am), with the Maven wrapper. The JDK here is 21, which the root
# pom's maven-toolchains-plugin (select-jdk-toolchain, version [21,), useJdk=IfMatch by default) accepts as the running
# JDK, so no toolchains.xml is needed.
# The poms are not copied on their own first: a dependency:go-offline layer cannot resolve the reactor's own
# unbuilt SNAPSHOT modules, and the cache mount below already keeps ~/.m2 (Maven itself and every dependency) from
# one build to the next. Every app has embedded-stack as a test dependency, so -am builds it too and the first build
# downloads its artifacts as well (Kafka server, embedded PostgreSQL binaries, the Apicurio distribution).
# sharing=locked: compose builds the four images at once; Maven 3.9's local repository is not safe for concurrent
# writers from several processes. Tests are neither compiled nor run (-Dmaven.test.skip), nor is the SBOM made.
FROM eclipse-temurin:21-jdk-noble AS build
ARG APP
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    set -eu; \
    case "${APP}" in extractor-app|streams-app|sink-app|api-app) ;; \
      *) echo "APP must be extractor-app, streams-app, sink-app or api-app, not '${APP}'" >&2; exit 2 ;; esac; \
    ./mvnw -B -q -Dmaven.test.skip=true -Dcyclonedx.skip=true -pl "${APP}" -am package; \
    mkdir -p /out/lib; \
    cp "${APP}"/target/lib/*.jar /out/lib/; \
    found=; \
    for jar in "${APP}/target/${APP}.jar" "${APP}/target/${APP}"-*.jar; do \
      [ -f "$jar" ] || continue; cp "$jar" /out/lib/; found=yes; \
    done; \
    [ -n "$found" ] || { echo "no ${APP} jar in ${APP}/target" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------------------------
# Runtime: JRE only, non-root uid/gid 10001, jars owned by root (read-only to the app).
FROM eclipse-temurin:21-jre-noble AS runtime
ARG APP
ARG SOURCE_URL=https://github.com/makerates/makerates
# The repository declares no licence (no LICENSE file, no <licenses> in the pom): NOASSERTION until it does.
ARG LICENSE=NOASSERTION
LABEL org.opencontainers.image.title="makerates-${APP}" \
      org.opencontainers.image.description="MakeRates ${APP}: daily currency rates decided from several sources" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.licenses="${LICENSE}"
# /var/lib/makerates/streams is streams-app's state directory (MAKERATES_STATE_DIR in compose and k8s); it exists
# in the image owned by 10001 so that a fresh named volume mounted there starts with that owner.
RUN set -eu; \
    groupadd --system --gid 10001 makerates; \
    useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin makerates; \
    mkdir -p /var/lib/makerates/streams; \
    chown -R 10001:10001 /var/lib/makerates
COPY --from=build /out/lib/ /app/lib/
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError"
# two malloc arenas instead of glibc's eight per core: RocksDB's and the clients' threads otherwise
# each fragment an arena of their own, resident memory the heap limit does not bound
ENV MALLOC_ARENA_MAX=2
WORKDIR /app
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["java", "-cp", "/app/lib/*"]

# One stage per app, each with its main class; the last FROM picks the one named by APP.
FROM runtime AS extractor-app
CMD ["io.makerates.extractor.ExtractorApp"]

FROM runtime AS streams-app
CMD ["io.makerates.streams.StreamsApp"]

FROM runtime AS sink-app
CMD ["io.makerates.sink.SinkApp"]

# the API on 8081 (MAKERATES_API_PORT), health and metrics on 8080 as the others
FROM runtime AS api-app
EXPOSE 8081
CMD ["io.makerates.api.ApiApp"]

FROM ${APP}

# One image per app: docker build --build-arg APP=streams-app --build-arg MAIN=io.makerates.streams.StreamsApp .
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests install

FROM eclipse-temurin:21-jre
ARG APP
ARG MAIN
ENV MAIN_CLASS=${MAIN}
RUN useradd --system --uid 10001 makerates
COPY --from=build /src/${APP}/target/lib/ /app/lib/
COPY --from=build /src/${APP}/target/${APP}-*.jar /app/lib/
USER 10001
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -cp '/app/lib/*' $MAIN_CLASS"]

package io.drover.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;

/** The generated CRD, as a tree. */
final class CrdSchema {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private CrdSchema() {}

  static JsonNode crd() throws IOException {
    return YAML.readTree(Path.of(System.getProperty("crd.generated")).toFile());
  }

  static JsonNode version() throws IOException {
    return crd().path("spec").path("versions").path(0);
  }

  static JsonNode openApiSchema() throws IOException {
    return version().path("schema").path("openAPIV3Schema");
  }

  static JsonNode yaml(Path file) throws IOException {
    return YAML.readTree(file.toFile());
  }
}

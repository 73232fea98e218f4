package io.browsergrid.browser.cloudrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CloudRunSettingsTest {
  /** Valid settings running {@code image}, with the project number that gives agents their URL. */
  static CloudRunSettings settings(String image) {
    return new CloudRunSettings("bg-project", "123456789", "europe-west1", image,
        "browsers@bg-project.iam.gserviceaccount.com", "test-deployment", 8080, "https://events.example/agent-events",
        "2", "2Gi", Duration.ofMinutes(60), 80);
  }

  @Test
  void theServicesParentIsTheProjectsRegion() {
    assertThat(settings("img").parent()).isEqualTo("projects/bg-project/locations/europe-west1");
  }

  @Test
  void aCallbackUrlIsTheBaseAndTheEncodedBrowserId() {
    assertThat(settings("img").callbackUrl("b 1/x")).isEqualTo("https://events.example/agent-events/b%201%2Fx");
  }

  @Test
  void eachFieldCloudRunWouldRefuseIsNamed() {
    assertThatThrownBy(() -> new CloudRunSettings("Bad_Project", null, "europe-west1", "img", "a@b", "d", 8080,
        "https://x", "2", "2Gi", Duration.ofMinutes(5), 80)).hasMessageStartingWith("project must be");
    assertThatThrownBy(() -> new CloudRunSettings("bg-project", null, "europe-west1", "img", "a@b", "Upper", 8080,
        "https://x", "2", "2Gi", Duration.ofMinutes(5), 80)).hasMessageStartingWith("deployment must be");
    assertThatThrownBy(() -> new CloudRunSettings("bg-project", null, "europe-west1", "img", "a@b", "d", 8080,
        "https://x", "2", "2Gi", Duration.ofMinutes(61), 80)).hasMessageStartingWith("requestTimeout must be");
    assertThatThrownBy(() -> new CloudRunSettings("bg-project", null, "europe-west1", "img", "a@b", "d", 8080,
        "ftp://x", "2", "2Gi", Duration.ofMinutes(5), 80)).hasMessageStartingWith("callbackUrlBase must be");
    assertThatThrownBy(() -> new CloudRunSettings("bg-project", null, "europe-west1", "img", "a@b", "d", 8080,
        "https://x", "2", "2 GB", Duration.ofMinutes(5), 80)).hasMessageStartingWith("memory must be");
    assertThatThrownBy(() -> new CloudRunSettings("bg-project", null, "europe-west1", "img", "nobody", "d", 8080,
        "https://x", "2", "2Gi", Duration.ofMinutes(5), 80)).hasMessageStartingWith("serviceAccount must be");
  }
}

#include "support/loopback.h"

#include <stdlib.h>

#include <string>

namespace orrery::test {

void bypass_proxies_for_loopback() {
  static const bool done = [] {
    for (const char* name : {"no_proxy", "NO_PROXY"}) {
      const char* old = ::getenv(name);
      std::string value = old != nullptr && *old != '\0' ? std::string(old) + "," : "";
      ::setenv(name, (value + "127.0.0.1,localhost").c_str(), 1);
    }
    return true;
  }();
  (void)done;
}

}  // namespace orrery::test

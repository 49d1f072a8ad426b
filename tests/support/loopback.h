#pragma once
// Test servers listen on 127.0.0.1 only; a proxy configured on the test machine must not sit
// between them and the code under test (libcurl takes http_proxy & co from the environment, and
// child processes such as the orrery binary inherit it).

namespace orrery::test {

// Adds 127.0.0.1 and localhost to no_proxy (and NO_PROXY) once per process, keeping what was
// there. Called by the HttpServer and RawServer constructors, before any request is made.
void bypass_proxies_for_loopback();

}  // namespace orrery::test

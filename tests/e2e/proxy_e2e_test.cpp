// End-to-end: the real orrery binary with http_proxy pointing at a forward proxy on 127.0.0.1
// (ephemeral port). Behind a proxy every socket goes to the proxy, so the private-network policy
// (issue 5) is enforced on the host each request names: a redirect from a feed written in the
// config to http://127.0.0.2:PORT/ (another origin, private) is refused unless the config allows
// private networks, while a feed on its own origin goes through the same proxy. The proxy
// serves every host from 127.0.0.1 (support/forward_proxy.h): nothing leaves 127.0.0.1.

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "support/forward_proxy.h"
#include "support/http_server.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace orrery::test {
namespace {

class ProxyE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    m_server.serve("/alpha.rss", slurp(data_path("e2e/alpha.rss")), "application/rss+xml");
    m_server.serve("/beta.atom", slurp(data_path("e2e/beta.atom")), "application/atom+xml");
    m_server.redirect("/moved", 302, intranet_url());
  }

  // The server's port under another loopback address: another origin, and a private one.
  std::string intranet_url() const {
    return "http://127.0.0.2:" + std::to_string(m_server.port()) + "/beta.atom";
  }

  void write_config(bool allow, const std::string& extra = "") {
    m_config = m_dir.write("planet.ini",
                           "[Planet]\nname = Proxy Planet\ncache_directory = cache\n"
                           "output_dir = public\ncache_keep_entries = 0\n" +
                               std::string(allow ? "allow_private_networks = yes\n" : "") + "\n[" +
                               m_server.url("/alpha.rss") + "]\nname = Direct Alpha\n\n[" +
                               m_server.url("/moved") + "]\nname = Moved Beta\n" + extra);
  }

  // orrery with only http_proxy set: the test process's no_proxy (which bypasses 127.0.0.1 for
  // the other tests) and any proxy of the machine are removed from its environment.
  ProcessResult run() {
    return run_process({"/usr/bin/env",  "-u",  "no_proxy",    "-u",
                        "NO_PROXY",      "-u",  "https_proxy", "-u",
                        "HTTPS_PROXY",   "-u",  "all_proxy",   "-u",
                        "ALL_PROXY",     "-u",  "HTTP_PROXY",  "http_proxy=" + m_proxy.url(),
                        orrery_binary(), "run", "-c",          m_config.string()});
  }

  std::string page() const { return slurp(m_dir / "public/index.html"); }

  TempDir m_dir;
  HttpServer m_server;
  ForwardProxy m_proxy;
  std::filesystem::path m_config;
};

TEST_F(ProxyE2e, RedirectToAnotherPrivateOriginThroughTheProxyIsRefused) {
  write_config(false);
  ProcessResult r = run();
  ASSERT_EQ(r.exit_code, 0) << "a refused feed is not a failed cycle\n" << r.err;
  EXPECT_EQ(r.err, "warning: feed " + m_server.url("/moved") +
                       ": fetch: refused to connect to private address 127.0.0.2 (redirected "
                       "from " +
                       m_server.url("/moved") + ")\n");
  EXPECT_EQ(m_proxy.request_count(m_server.url("/alpha.rss")), 1u) << "fetched through the proxy";
  EXPECT_EQ(m_proxy.request_count(m_server.url("/moved")), 1u);
  EXPECT_EQ(m_proxy.request_count(intranet_url()), 0u) << "the redirect was not followed";
  EXPECT_EQ(m_server.request_count("/beta.atom"), 0u);
  const std::string html = page();
  EXPECT_NE(html.find("Direct Alpha"), std::string::npos);
  EXPECT_NE(html.find("Committee meeting, 25 July"), std::string::npos);
  EXPECT_EQ(html.find("Report of 25 July"), std::string::npos);
}

TEST_F(ProxyE2e, WithPrivateNetworksAllowedTheRedirectIsFollowedThroughTheProxy) {
  write_config(true);
  ProcessResult r = run();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(m_proxy.request_count(m_server.url("/alpha.rss")), 1u);
  EXPECT_EQ(m_proxy.request_count(intranet_url()), 1u);
  EXPECT_EQ(m_server.request_count("/beta.atom"), 1u);
  const std::string html = page();
  EXPECT_NE(html.find("Committee meeting, 25 July"), std::string::npos);
  EXPECT_NE(html.find("Report of 25 July"), std::string::npos);
  EXPECT_NE(html.find("Moved Beta"), std::string::npos);
}

TEST_F(ProxyE2e, EverySpellingOfALoopbackHostIsRefusedThroughTheProxy) {
  const std::string port = std::to_string(m_server.port());
  // The host a redirect names, and the address the refusal names.
  const std::vector<std::pair<std::string, std::string>> targets = {
      {"localhost", "localhost"},
      {"[::1]", "::1"},
      {"[::ffff:127.0.0.1]", "::ffff:127.0.0.1"},
      {"0x7f000002", "127.0.0.2"},
      {"2130706434", "127.0.0.2"},
      {"0177.0.0.2", "127.0.0.2"},
      {"127.2", "127.0.0.2"}};
  std::string extra;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const std::string path = "/to" + std::to_string(i);
    m_server.redirect(path, 302, "http://" + targets[i].first + ":" + port + "/beta.atom");
    extra += "\n[" + m_server.url(path) + "]\n";
  }
  write_config(false, extra);
  ProcessResult r = run();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const std::string url = m_server.url("/to" + std::to_string(i));
    EXPECT_NE(
        r.err.find("warning: feed " + url + ": fetch: refused to connect to private address " +
                   targets[i].second + " (redirected from " + url + ")\n"),
        std::string::npos)
        << targets[i].first << "\n"
        << r.err;
  }
  EXPECT_EQ(m_server.request_count("/beta.atom"), 0u);
  EXPECT_EQ(m_proxy.request_count(m_server.url("/alpha.rss")), 1u);
}

}  // namespace
}  // namespace orrery::test

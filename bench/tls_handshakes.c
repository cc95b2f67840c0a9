// Full TLS handshakes per second against one server, each with an SNI name, for bench/tls_sni.sh.
// Every connection is new (no session cache, no tickets), so each one costs the server a full
// handshake — the cost SNI selection adds to. Names are asked in turn; the certificate the server
// presents must carry the asked name as its CN, else the handshake counts as wrong (so a run that
// was served the default certificate cannot pass for a fast one).
//
//   cc -O2 -pthread -o tls_handshakes bench/tls_handshakes.c -lssl -lcrypto
//   tls_handshakes PORT SECONDS THREADS NAME...
// Prints one line: handshakes=N seconds=S per_second=R wrong=W failed=F
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int port;
static double seconds;
static char** names;
static int name_count;

struct counts {
  long done, wrong, failed;
  int offset;
};

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void* run(void* arg) {
  struct counts* c = arg;
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_port = htons((unsigned short)port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const double end = now() + seconds;
  for (long i = c->offset; now() < end; i++) {
    const char* name = names[i % name_count];
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr*)&addr, sizeof addr) != 0) {
      c->failed++;
      close(fd);
      continue;
    }
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, name);
    if (SSL_connect(ssl) == 1) {
      X509* peer = SSL_get1_peer_certificate(ssl);
      char cn[256] = "";
      if (peer) X509_NAME_get_text_by_NID(X509_get_subject_name(peer), NID_commonName, cn, sizeof cn);
      X509_free(peer);
      if (strcmp(cn, name) == 0) c->done++; else c->wrong++;
      SSL_shutdown(ssl);
    } else {
      c->failed++;
    }
    SSL_free(ssl);
    close(fd);
  }
  SSL_CTX_free(ctx);
  return NULL;
}

int main(int argc, char** argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: %s PORT SECONDS THREADS NAME...\n", argv[0]);
    return 2;
  }
  port = atoi(argv[1]);
  seconds = atof(argv[2]);
  const int threads = atoi(argv[3]);
  names = argv + 4;
  name_count = argc - 4;
  pthread_t ids[64];
  struct counts counts[64] = {{0}};
  if (threads < 1 || threads > 64) return 2;
  const double start = now();
  for (int t = 0; t < threads; t++) {
    counts[t].offset = t * 7;
    pthread_create(&ids[t], NULL, run, &counts[t]);
  }
  long done = 0, wrong = 0, failed = 0;
  for (int t = 0; t < threads; t++) {
    pthread_join(ids[t], NULL);
    done += counts[t].done;
    wrong += counts[t].wrong;
    failed += counts[t].failed;
  }
  const double took = now() - start;
  printf("handshakes=%ld seconds=%.2f per_second=%.0f wrong=%ld failed=%ld\n", done, took, done / took, wrong, failed);
  return wrong == 0 && failed == 0 ? 0 : 1;
}

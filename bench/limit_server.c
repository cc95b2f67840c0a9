// The limit column of bench/run.sh: the least an HTTP/1.1 server can do on this machine. Two
// threads, each with its own epoll loop and its own SO_REUSEPORT listening socket (the kernel
// spreads connections between them), answer every request with the same bytes: a complete
// response (status line, headers, body) read from a file, which bench/run.sh captures from Cove
// so all three servers of a row send the same number of bytes. No parsing beyond finding the
// blank line that ends each request head (the benchmark's requests have no body); pipelined
// requests are answered in order. Not a server for anything else.
//
//   limit_server PORT RESPONSE_FILE COUNTER_PORT [THREADS]
//
// COUNTER_PORT answers any connection with the number of requests answered so far (as a minimal
// HTTP/1.0 response) and closes it: the server's own counter, read before and after a run.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

// Responses up to this size are written from memory; larger ones (a package) go by sendfile(2),
// as Cove and nginx send files.
#define kMemoryLimit (256 * 1024)
#define kMaxEvents 256

static const char* response;  // the whole response, in memory when small
static size_t response_size;
static int response_fd = -1;
static int port, counter_port;
static atomic_ulong answered;

struct conn {
  int fd;
  unsigned matched;  // bytes of "\r\n\r\n" seen at the end of the input so far
  unsigned long pending;  // requests read and not yet fully answered
  size_t offset;          // of the response being written
  int want_write;         // EPOLLOUT is armed
};

static void die(const char* what) {
  perror(what);
  exit(1);
}

static int listen_on(int p) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (fd < 0) die("socket");
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((unsigned short)p)};
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, (struct sockaddr*)&addr, sizeof addr) < 0) die("bind");
  if (listen(fd, 4096) < 0) die("listen");
  return fd;
}

static void close_conn(int ep, struct conn* c) {
  epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
  close(c->fd);
  free(c);
}

// Writes queued responses until they are all out or the socket is full. Returns -1 on error.
static int flush(int ep, struct conn* c) {
  while (c->pending > 0) {
    ssize_t n;
    if (response_fd < 0) {
      n = write(c->fd, response + c->offset, response_size - c->offset);
    } else {
      off_t off = (off_t)c->offset;
      n = sendfile(c->fd, response_fd, &off, response_size - c->offset);
    }
    if (n < 0) {
      if (errno == EAGAIN) break;
      return -1;
    }
    c->offset += (size_t)n;
    if (c->offset == response_size) {
      c->offset = 0;
      c->pending--;
      atomic_fetch_add_explicit(&answered, 1, memory_order_relaxed);
    }
  }
  const int want = c->pending > 0;
  if (want != c->want_write) {
    struct epoll_event ev = {.events = EPOLLIN | (want ? EPOLLOUT : 0), .data.ptr = c};
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
    c->want_write = want;
  }
  return 0;
}

static int on_readable(struct conn* c) {
  static const char kEnd[] = "\r\n\r\n";
  char buf[16384];
  ssize_t n = read(c->fd, buf, sizeof buf);
  if (n == 0) return -1;
  if (n < 0) return errno == EAGAIN ? 0 : -1;
  for (ssize_t i = 0; i < n; i++) {
    if (buf[i] == kEnd[c->matched]) {
      if (++c->matched == 4) {
        c->matched = 0;
        c->pending++;
      }
    } else {
      c->matched = buf[i] == '\r' ? 1 : 0;
    }
  }
  return 0;
}

static void answer_counter(int listen_fd) {
  int fd;
  while ((fd = accept4(listen_fd, NULL, NULL, 0)) >= 0) {
    // Read the request before answering (closing on unread input would reset the connection),
    // then half-close and wait for the client to finish; blocking, with a timeout: this is the
    // rare control connection, read once before and once after a run.
    const struct timeval timeout = {.tv_sec = 1};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    char scratch[4096];
    if (read(fd, scratch, sizeof scratch) < 0) perror("counter read");
    char text[128];
    const int len = snprintf(text, sizeof text,
                             "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n%lu\n",
                             atomic_load(&answered));
    if (write(fd, text, (size_t)len) < 0) perror("counter write");
    shutdown(fd, SHUT_WR);
    while (read(fd, scratch, sizeof scratch) > 0) {
    }
    close(fd);
  }
}

static void* run(void* arg) {
  const int with_counter = arg != NULL;
  const int listen_fd = listen_on(port);
  const int counter_fd = with_counter ? listen_on(counter_port) : -1;
  const int ep = epoll_create1(0);
  if (ep < 0) die("epoll_create1");
  struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
  epoll_ctl(ep, EPOLL_CTL_ADD, listen_fd, &ev);
  static char counter_tag;
  if (with_counter) {
    ev.data.ptr = &counter_tag;
    epoll_ctl(ep, EPOLL_CTL_ADD, counter_fd, &ev);
  }
  struct epoll_event events[kMaxEvents];
  for (;;) {
    const int ready = epoll_wait(ep, events, kMaxEvents, -1);
    if (ready < 0 && errno != EINTR) die("epoll_wait");
    for (int i = 0; i < ready; i++) {
      void* tag = events[i].data.ptr;
      if (tag == NULL) {
        int fd;
        while ((fd = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
          int one = 1;
          setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          struct conn* c = calloc(1, sizeof *c);
          if (c == NULL) die("calloc");
          c->fd = fd;
          struct epoll_event cev = {.events = EPOLLIN, .data.ptr = c};
          epoll_ctl(ep, EPOLL_CTL_ADD, fd, &cev);
        }
        continue;
      }
      if (tag == &counter_tag) {
        answer_counter(counter_fd);
        continue;
      }
      struct conn* c = tag;
      if ((events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) && on_readable(c) < 0) {
        close_conn(ep, c);
        continue;
      }
      if (flush(ep, c) < 0) close_conn(ep, c);
    }
  }
  return NULL;
}

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: %s PORT RESPONSE_FILE COUNTER_PORT [THREADS]\n", argv[0]);
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);  // a client that leaves mid-response is an EPIPE, not the end
  port = atoi(argv[1]);
  counter_port = atoi(argv[3]);
  const int threads = argc > 4 ? atoi(argv[4]) : 2;
  const int fd = open(argv[2], O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) < 0 || st.st_size == 0) die(argv[2]);
  response_size = (size_t)st.st_size;
  if (response_size <= kMemoryLimit) {
    char* bytes = malloc(response_size);
    if (bytes == NULL || read(fd, bytes, response_size) != (ssize_t)response_size) die("read response");
    response = bytes;
    close(fd);
  } else {
    response_fd = fd;
  }
  pthread_t ids[64];
  const int n = threads < 1 ? 1 : threads > 64 ? 64 : threads;
  // Thread 0 also answers the counter port.
  for (int i = 0; i < n; i++) {
    if (pthread_create(&ids[i], NULL, run, i == 0 ? (void*)1 : NULL) != 0) die("pthread_create");
  }
  for (int i = 0; i < n; i++) pthread_join(ids[i], NULL);
  return 0;
}

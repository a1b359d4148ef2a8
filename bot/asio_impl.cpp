// The one translation unit that compiles Asio, Asio SSL and Beast (separate compilation keeps
// every other file that includes them much faster to build).
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>

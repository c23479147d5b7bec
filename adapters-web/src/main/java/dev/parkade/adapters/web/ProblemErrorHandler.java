package dev.parkade.adapters.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Jetty's own refusals, sent before a request reaches Javalin (a URI it cannot decode, a URI or
 * headers too large), as problem+json like every other error instead of Jetty's HTML page. Jetty
 * would also leave the body out for methods other than GET, POST and HEAD.
 */
final class ProblemErrorHandler extends ErrorHandler {

  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      @Nullable String message,
      @Nullable Throwable cause,
      Callback callback) {
    // A message Jetty made from an arbitrary cause would name a class of the server's insides.
    String detail =
        message != null && (cause == null || cause instanceof HttpException)
            ? message
            : HttpStatus.getMessage(code);
    Problem problem = Problems.forStatus(code, detail);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    response.write(
        true, ByteBuffer.wrap(Problems.json(problem).getBytes(StandardCharsets.UTF_8)), callback);
  }
}

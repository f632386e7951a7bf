package io.github.lancedb4j.samples.springai;

import org.springframework.ai.vectorstore.filter.FilterExpressionTextParser.FilterExpressionParseException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors as RFC 9457 problem details ({@code application/problem+json}) whose {@code detail} says what to fix. */
@RestControllerAdvice
class ApiErrors {

    @ExceptionHandler(FilterExpressionParseException.class)
    ProblemDetail badFilter(FilterExpressionParseException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The filter is not a Spring AI filter expression: " + e.getMessage());
        problem.setTitle("Invalid filter");
        return problem;
    }

    /** Bad input the store rejects before writing (e.g. a nested metadata value). */
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badInput(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** A write to a store that serves a tag or version ({@code lancedb.read-version}). */
    @ExceptionHandler(UnsupportedOperationException.class)
    ProblemDetail readOnly(UnsupportedOperationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Read-only store");
        return problem;
    }

    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<ProblemDetail> errorResponse(ErrorResponseException e) {
        return ResponseEntity.status(e.getStatusCode()).body(e.getBody());
    }
}

package io.cluehub.api;

import io.cluehub.web.CallerOffice;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** The office an agency-system or case-officer caller acts for; 403 for a caller that names none (a bearer token without its office claim). */
@Component
public class ApiCaller {

    private final CallerOffice callers;

    public ApiCaller(CallerOffice callers) {
        this.callers = callers;
    }

    public String office(Authentication caller) {
        return callers.office(caller).filter(o -> !o.isBlank()).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.FORBIDDEN, "The caller acts for no office: its token names none."));
    }
}

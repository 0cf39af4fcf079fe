package com.example.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The user's program under surefire, configured only with the README's argLine.
 */
@Timeout(300)
class AppTest
{
    @Test
    void theProgramGivesTheRightAnswers() throws Exception
    {
        assertEquals(App.EXPECTED, App.run());
    }
}

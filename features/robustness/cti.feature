@robustness
Feature: The SUT's CTI bridge survives malformed requests
  Whatever a client sends, it gets one EventError naming the problem, and its connection and the
  CTI server stay up: the same client's next valid request still works, and so does a new client.

  @ROB-02
  Scenario Outline: <input> gets EventError <code> and the connection keeps serving
    Given an agent phone on the extension "agent-extension-unrecorded"
    And the supervisor desktop has registered no DN
    When the supervisor desktop sends <input>
    Then the supervisor desktop got EventError <code> naming "<named>"
    And the supervisor desktop can still register the agent's DN on the same connection
    And a new desktop can still connect and register the agent's DN

    Examples:
      | input                                | code           | named           |
      | a line that is not JSON              | BadJson        | JSON            |
      | a JSON value that is not an object   | BadJson        | object          |
      | a request without referenceId        | BadField       | referenceId     |
      | a request whose thisDN is a number   | BadField       | thisDN          |
      | a request whose connId is not hex    | BadField       | connId          |
      | a request whose reasons is a list    | BadField       | reasons         |
      | an unknown message                   | UnknownMessage | RequestTeleport |
      | a line of 70 KiB                     | LineTooLong    | 65536           |
